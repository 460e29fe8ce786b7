"use client";
// One of the header's menus on desktops: a disclosure button and the panel it shows. Escape closes
// the panel and returns focus to the button; a click outside or focus moving on closes it too. On
// phones the panel is a section of the opened header menu instead, always shown, the button hidden.
import { type ReactNode, useEffect, useRef } from "react";
import { ChevronIcon } from "@/components/ui/icons";

export function HeaderMenu({
  id,
  button,
  buttonClassName,
  panelClassName,
  open,
  onOpenChange,
  current = false,
  children,
}: {
  /** The panel's id, which the button controls. */
  id: string;
  button: ReactNode;
  buttonClassName: string;
  /** Where the panel sits on desktops, and how it looks as a section on phones. */
  panelClassName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The panel holds the page's own item: the button says so. */
  current?: boolean;
  children: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !container.current?.contains(event.target)) onOpenChange(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      onOpenChange(false);
      toggle.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open, onOpenChange]);

  return (
    <div
      ref={container}
      className="lg:relative"
      onBlur={(event) => {
        // Tabbing past the last item leaves the menu: it should not stay open over the page.
        if (open && event.relatedTarget instanceof Node && !container.current?.contains(event.relatedTarget)) onOpenChange(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-current={current ? "true" : undefined}
        onClick={() => onOpenChange(!open)}
        className={`hidden items-center whitespace-nowrap lg:inline-flex ${buttonClassName}`}
      >
        {button}
        <ChevronIcon className={`h-3.5 w-3.5 shrink-0 transition-transform motion-reduce:transition-none ${open ? "-rotate-90" : "rotate-90"}`} />
      </button>
      <div
        id={id}
        className={`${open ? "lg:flex lg:flex-col" : "lg:hidden"} lg:absolute lg:top-full lg:z-40 lg:mt-2 lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white lg:p-1.5 lg:shadow-lg lg:dark:border-slate-700 lg:dark:bg-slate-900 ${panelClassName}`}
      >
        {children}
      </div>
    </div>
  );
}
