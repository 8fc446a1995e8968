import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

type SlotProps = { children?: ReactNode; className?: string } & Record<string, unknown>;

/**
 * Renders its only child with the slot's props merged in (`asChild`): the child's own props win,
 * classes are joined, and both click handlers run. Small on purpose: every page ships it.
 */
export function Slot({ children, className, ...slotProps }: SlotProps) {
  if (!isValidElement(children)) return null;
  const child = children as ReactElement<Record<string, unknown> & { className?: string }>;
  const childProps = child.props;
  const merged: Record<string, unknown> = {
    ...slotProps,
    ...childProps,
    className: cn(className, childProps.className),
  };
  const slotClick = slotProps.onClick as ((event: unknown) => void) | undefined;
  const childClick = childProps.onClick as ((event: unknown) => void) | undefined;
  if (slotClick && childClick) {
    merged.onClick = (event: unknown) => {
      childClick(event);
      slotClick(event);
    };
  }
  return cloneElement(child, merged);
}
