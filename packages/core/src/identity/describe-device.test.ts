import { describe, expect, it } from "vitest";
import { describeDevice } from "./describe-device.ts";

describe("describeDevice", () => {
  it("names browser and system", () => {
    expect(
      describeDevice(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Safari", os: "iOS", kind: "mobile" });
    expect(
      describeDevice(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toMatchObject({ browser: "Chrome", os: "Windows 10", kind: "desktop" });
  });

  it("copes with nothing to go on", () => {
    expect(describeDevice("")).toEqual({ browser: null, os: null, kind: "unknown" });
    expect(describeDevice("curl/8.5.0").kind).toBe("unknown");
  });
});
