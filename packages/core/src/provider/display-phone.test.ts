import { describe, expect, it } from "vitest";
import { displayPhone } from "./display-phone.ts";

describe("displayPhone", () => {
  it("writes North American numbers the usual way and leaves others alone", () => {
    expect(displayPhone("+18338761550")).toBe("(833) 876-1550");
    expect(displayPhone("+442071234567")).toBe("+442071234567");
  });
});
