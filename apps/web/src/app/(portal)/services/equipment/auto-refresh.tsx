"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While something is under way on a device (a restart, a WiFi change), asks the server for the
 * page again every two seconds; the server settles the operation on each look. Stops as soon as
 * the page renders without it.
 */
export function AutoRefresh({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
