import { z } from "zod";
import { ZId } from "../ids.ts";
import { passesLuhn } from "./gateways/demo.ts";

/** A card as typed into the demo gateway's on-site form; errors name the field at fault. */
export const ZCardInput = z.object({
  number: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .refine((v) => /^\d{12,19}$/.test(v) && passesLuhn(v), "card_number_invalid"),
  expiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, "card_expiry_invalid")
    .transform((v) => {
      const [month, year] = v.split("/").map((part) => Number(part.trim())) as [number, number];
      return { month, year: year < 100 ? 2000 + year : year };
    }),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, "card_cvc_invalid"),
  name: z.string().trim().min(1, "card_name_required").max(100, "card_name_required"),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, "card_postal_invalid")
    .optional(),
});

export type CardFormInput = z.infer<typeof ZCardInput>;

export const ZAmountChoice = z.enum(["BALANCE", "PAST_DUE", "OTHER"]);

export const ZPayRequest = z.object({
  amountChoice: ZAmountChoice,
  otherAmount: z.string().max(20).optional(),
  /** A saved method id, or "new" for the card in `card`. */
  method: z.union([ZId, z.literal("new")]),
  saveCard: z.boolean().default(false),
  /** Made when the form is shown: a second submit of the same form is the same payment. */
  requestKey: z.string().uuid(),
});

export type PayRequest = z.infer<typeof ZPayRequest>;
