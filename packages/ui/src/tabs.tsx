"use client";

import type { ComponentProps } from "react";
import { Tabs as TabsPrimitive } from "radix-ui";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

export type TabsProps = ComponentProps<typeof TabsPrimitive.Root>;

/** Radix Tabs (arrow keys move between tabs; automatic activation by default). */
export function Tabs({ className, ...props }: TabsProps) {
  return <TabsPrimitive.Root className={cn("flex flex-col gap-4", className)} {...props} />;
}

export type TabsListProps = ComponentProps<typeof TabsPrimitive.List>;

/** Give it an `aria-label` (translated) when there is no visible heading naming the tabs. */
export function TabsList({ className, ...props }: TabsListProps) {
  return (
    <TabsPrimitive.List
      className={cn("flex max-w-full items-stretch gap-1 overflow-x-auto border-b border-border", className)}
      {...props}
    />
  );
}

export type TabsTriggerProps = ComponentProps<typeof TabsPrimitive.Trigger>;

export function TabsTrigger({ className, ...props }: TabsTriggerProps) {
  return (
    <TabsPrimitive.Trigger
      className={cn(
        "-mb-px inline-flex min-h-11 shrink-0 cursor-pointer items-center gap-2 border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-fg-muted transition-colors sm:min-h-10",
        "hover:text-fg data-[state=active]:border-brand data-[state=active]:text-brand",
        "disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0",
        focusRing,
        "focus-visible:-outline-offset-2",
        className,
      )}
      {...props}
    />
  );
}

export type TabsContentProps = ComponentProps<typeof TabsPrimitive.Content>;

export function TabsContent({ className, ...props }: TabsContentProps) {
  return <TabsPrimitive.Content className={cn("rounded-lg", focusRing, className)} {...props} />;
}
