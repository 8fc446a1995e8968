"use client";

import { useState, type ComponentProps, type MouseEvent, type ReactNode } from "react";
import { AlertDialog as AlertDialogPrimitive, Dialog as DialogPrimitive } from "radix-ui";
import { X } from "lucide-react";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";

/* ------------------------------------------------------------------------ */
/* Dialog                                                                    */
/* ------------------------------------------------------------------------ */

/** Root (state holder). Props: open, defaultOpen, onOpenChange, modal. */
export const Dialog = DialogPrimitive.Root;
/** Use with `asChild` around a Button: `<DialogTrigger asChild><Button>…</Button></DialogTrigger>`. */
export const DialogTrigger = DialogPrimitive.Trigger;
/** Closes the dialog; use with `asChild` around a Button. */
export const DialogClose = DialogPrimitive.Close;

const overlayClass = "fixed inset-0 z-50 bg-overlay motion-safe:data-[state=open]:animate-hp-fade-in";

const contentClass =
  "fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col gap-4 overflow-y-auto rounded-lg border border-border bg-surface p-5 text-fg shadow-xl outline-none sm:p-6 motion-safe:data-[state=open]:animate-hp-dialog-in";

const sizes = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-2xl" } as const;

export type DialogContentProps = Omit<ComponentProps<typeof DialogPrimitive.Content>, "title"> & {
  /** Dialog heading (becomes the accessible name). Required. */
  title: ReactNode;
  /** Short explanation (becomes the accessible description). Required. */
  description: ReactNode;
  /** Keep the description for screen readers only. */
  hideDescription?: boolean;
  /** Translated label of the top-right close (X) button; omit to not render it. */
  closeLabel?: string;
  size?: keyof typeof sizes;
};

/**
 * Modal panel: portal + overlay + focus trap. Escape and a click outside close
 * it; focus returns to the trigger.
 */
export function DialogContent({
  title,
  description,
  hideDescription,
  closeLabel,
  size = "md",
  className,
  children,
  ...props
}: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClass} />
      <DialogPrimitive.Content className={cn(contentClass, sizes[size], className)} {...props}>
        <div className={cn("flex flex-col gap-1.5", closeLabel && "pe-10")}>
          <DialogPrimitive.Title className="text-lg leading-7 font-semibold text-fg">{title}</DialogPrimitive.Title>
          <DialogPrimitive.Description className={hideDescription ? "sr-only" : "text-sm text-fg-muted"}>
            {description}
          </DialogPrimitive.Description>
        </div>
        {children}
        {closeLabel ? (
          <DialogPrimitive.Close asChild>
            <Button
              variant="ghost"
              size="icon"
              aria-label={closeLabel}
              className="absolute end-2 top-2 text-fg-muted hover:text-fg sm:end-3 sm:top-3"
            >
              <X aria-hidden="true" focusable="false" className="size-5" />
            </Button>
          </DialogPrimitive.Close>
        ) : null}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export type DialogFooterProps = ComponentProps<"div">;

/** Action row: stacked full-width on phones (primary on top), right-aligned from `sm`. */
export function DialogFooter({ className, ...props }: DialogFooterProps) {
  return (
    <div
      className={cn(
        "mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end [&>*]:w-full sm:[&>*]:w-auto",
        className,
      )}
      {...props}
    />
  );
}

/* ------------------------------------------------------------------------ */
/* ConfirmDialog                                                             */
/* ------------------------------------------------------------------------ */

export type ConfirmDialogProps = {
  /** Element that opens the dialog (rendered with `asChild`, so pass a Button). */
  trigger?: ReactNode;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** Extra content between the description and the buttons. */
  children?: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  /**
   * Called on confirm. If it returns a promise the confirm button shows a
   * spinner and the dialog closes when it resolves (stays open if it rejects;
   * handle errors inside, e.g. with a toast). When omitted the dialog does not
   * close by itself (use this with `confirmButtonProps={{ type: "submit", form }}`
   * plus `loading`/`open` driven by the caller).
   */
  onConfirm?: () => void | Promise<unknown>;
  /** Red confirm button for irreversible actions. */
  destructive?: boolean;
  /** Externally controlled pending state (e.g. from useActionState). */
  loading?: boolean;
  /** Extra props for the confirm button, e.g. `{ type: "submit", form: "delete-form" }`. */
  confirmButtonProps?: Omit<ButtonProps, "children" | "asChild" | "loading">;
};

/**
 * "Are you sure?" dialog (role="alertdialog"; Cancel gets initial focus;
 * clicking outside does not dismiss, Escape does unless pending).
 */
export function ConfirmDialog({
  trigger,
  open,
  defaultOpen,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  destructive,
  loading,
  confirmButtonProps,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(defaultOpen ?? false);
  const [pending, setPending] = useState(false);
  const isControlled = open !== undefined;
  const isOpen = isControlled ? open : uncontrolledOpen;
  const busy = pending || Boolean(loading);

  const setOpen = (next: boolean) => {
    if (!next && busy) return;
    if (!isControlled) setUncontrolledOpen(next);
    onOpenChange?.(next);
  };

  const handleConfirm = async (event: MouseEvent<HTMLButtonElement>) => {
    confirmButtonProps?.onClick?.(event);
    if (!onConfirm || event.defaultPrevented) return;
    const result = onConfirm();
    if (result && typeof (result as Promise<unknown>).then === "function") {
      setPending(true);
      try {
        await result;
      } finally {
        setPending(false);
      }
    }
    if (!isControlled) setUncontrolledOpen(false);
    onOpenChange?.(false);
  };

  return (
    <AlertDialogPrimitive.Root open={isOpen} onOpenChange={setOpen}>
      {trigger ? <AlertDialogPrimitive.Trigger asChild>{trigger}</AlertDialogPrimitive.Trigger> : null}
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className={overlayClass} />
        <AlertDialogPrimitive.Content className={cn(contentClass, sizes.sm, "sm:max-w-md")}>
          <div className="flex flex-col gap-1.5">
            <AlertDialogPrimitive.Title className="text-lg leading-7 font-semibold text-fg">
              {title}
            </AlertDialogPrimitive.Title>
            <AlertDialogPrimitive.Description className="text-sm text-fg-muted">
              {description}
            </AlertDialogPrimitive.Description>
          </div>
          {children}
          <DialogFooter>
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="secondary" disabled={busy}>
                {cancelLabel}
              </Button>
            </AlertDialogPrimitive.Cancel>
            <Button
              variant={destructive ? "danger" : "primary"}
              {...confirmButtonProps}
              loading={busy}
              onClick={handleConfirm}
            >
              {confirmLabel}
            </Button>
          </DialogFooter>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
