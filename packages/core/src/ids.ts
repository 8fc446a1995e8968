import { z } from "zod";

/** A record id as it arrives from a form or URL: a UUID, or the request is refused before any query. */
export const ZId = z.string().uuid();
