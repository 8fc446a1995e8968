"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { CircleAlert, CircleCheck, Info, X } from "lucide-react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

export type ToastVariant = "success" | "error" | "info";

export type ToastOptions = {
  title: ReactNode;
  description?: ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before auto-dismiss. Default 5000 (10000 for errors). Paused on hover/focus. */
  duration?: number;
  /** "polite" (default) waits for the screen reader to finish; "assertive" interrupts. */
  politeness?: "polite" | "assertive";
  /** Optional action button, e.g. Undo. `altText` tells screen reader users how to do it otherwise. */
  action?: { label: ReactNode; altText: string; onClick: () => void };
};

type ToastItem = ToastOptions & { id: string; open: boolean };

export type ToastApi = {
  /** Shows a toast; returns its id. */
  toast: (options: ToastOptions) => string;
  success: (title: ReactNode, options?: Omit<ToastOptions, "title" | "variant">) => string;
  error: (title: ReactNode, options?: Omit<ToastOptions, "title" | "variant">) => string;
  dismiss: (id: string) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

/** Access the toast API. Must be used under `<ToastProvider>`. */
export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast() must be used inside <ToastProvider>.");
  return ctx;
}

export type ToastProviderProps = {
  children: ReactNode;
  labels: {
    /** Accessible name of each toast's close (X) button, e.g. "Close". */
    close: string;
    /** Prefix read before each announcement, e.g. "Notification". */
    notification: string;
    /** Landmark name of the toast region, e.g. "Notifications (F8)". F8 jumps to it. */
    region: string;
  };
  /** Default duration in ms. Default 5000. */
  duration?: number;
};

const variantStyles = {
  success: {
    icon: CircleCheck,
    iconClass: "text-success",
    bar: "before:bg-success",
  },
  error: {
    icon: CircleAlert,
    iconClass: "text-danger",
    bar: "before:bg-danger",
  },
  info: { icon: Info, iconClass: "text-info", bar: "before:bg-info" },
} as const;

/** Holds the toast queue and renders the viewport (bottom of the screen). Put it once near the root. */
export function ToastProvider({ children, labels, duration = 5000 }: ToastProviderProps) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const counter = useRef(0);

  const dismiss = useCallback((id: string) => {
    setToasts((list) => list.map((t) => (t.id === id ? { ...t, open: false } : t)));
    // Leave time for the close to settle before removing it from the list.
    window.setTimeout(() => {
      setToasts((list) => list.filter((t) => t.id !== id));
    }, 300);
  }, []);

  const toast = useCallback((options: ToastOptions) => {
    counter.current += 1;
    const id = `toast-${counter.current}`;
    setToasts((list) => [...list, { ...options, id, open: true }]);
    return id;
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      toast,
      success: (title, options) => toast({ ...options, title, variant: "success" }),
      error: (title, options) => toast({ ...options, title, variant: "error" }),
      dismiss,
    }),
    [toast, dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      <ToastPrimitive.Provider label={labels.notification} duration={duration}>
        {children}
        {toasts.map((t) => {
          const variant = t.variant ?? "info";
          const style = variantStyles[variant];
          const Icon = style.icon;
          return (
            <ToastPrimitive.Root
              key={t.id}
              open={t.open}
              onOpenChange={(open) => {
                if (!open) dismiss(t.id);
              }}
              type={t.politeness === "assertive" ? "foreground" : "background"}
              duration={t.duration ?? (variant === "error" ? Math.max(duration, 10000) : duration)}
              className={cn(
                "relative flex w-full items-start gap-3 overflow-hidden rounded-lg border border-border bg-surface p-4 ps-5 text-fg shadow-lg",
                "before:absolute before:inset-y-0 before:start-0 before:w-1",
                style.bar,
                "motion-safe:data-[state=open]:animate-hp-toast-in",
                "data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=cancel]:translate-x-0 data-[swipe=cancel]:transition-transform",
                focusRing,
              )}
            >
              <Icon aria-hidden="true" focusable="false" className={cn("mt-0.5 size-5 shrink-0", style.iconClass)} />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <ToastPrimitive.Title className="text-sm font-semibold">{t.title}</ToastPrimitive.Title>
                {t.description ? (
                  <ToastPrimitive.Description className="text-sm text-fg-muted">
                    {t.description}
                  </ToastPrimitive.Description>
                ) : null}
                {t.action ? (
                  <ToastPrimitive.Action
                    altText={t.action.altText}
                    onClick={t.action.onClick}
                    className={cn(
                      "mt-1 inline-flex min-h-9 w-fit cursor-pointer items-center rounded-lg border border-border-strong px-3 text-sm font-medium hover:bg-surface-muted",
                      focusRing,
                    )}
                  >
                    {t.action.label}
                  </ToastPrimitive.Action>
                ) : null}
              </div>
              <ToastPrimitive.Close
                aria-label={labels.close}
                className={cn(
                  "-me-2 -mt-2 inline-flex size-10 shrink-0 cursor-pointer items-center justify-center rounded-lg text-fg-muted hover:bg-fg/8 hover:text-fg",
                  focusRing,
                )}
              >
                <X aria-hidden="true" focusable="false" className="size-4" />
              </ToastPrimitive.Close>
            </ToastPrimitive.Root>
          );
        })}
        <ToastPrimitive.Viewport
          label={labels.region}
          className="fixed end-0 bottom-0 z-[100] m-0 flex max-h-dvh w-full list-none flex-col gap-2 p-4 outline-none sm:max-w-sm"
        />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}
