import Link from "next/link";
import { brand } from "@/lib/brand";

export function BrandMark({ href = "/" }: { href?: string }) {
  const { name } = brand();
  return (
    <Link
      href={href}
      className="inline-flex min-h-11 items-center gap-2 rounded-md text-lg font-bold tracking-tight text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
    >
      <span
        aria-hidden="true"
        className="flex size-8 items-center justify-center rounded-lg bg-brand text-sm text-brand-foreground"
      >
        {name.slice(0, 1)}
      </span>
      <span>{name}</span>
    </Link>
  );
}
