import { describe, expect, it } from "vitest";
import { clientIp, trustedProxyHops } from "./client-ip";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("trusts nothing the client sent when no proxy is configured", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(clientIp(xff("203.0.113.9"), 0)).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.9" }), 0)).toBeNull();
  });

  it("takes the address the outermost trusted proxy appended", () => {
    // One proxy: the client forged "1.1.1.1", the proxy appended the real peer.
    expect(clientIp(xff("1.1.1.1, 198.51.100.7"), 1)).toBe("198.51.100.7");
    // Balancer then nginx: nginx appended the balancer's address last.
    expect(clientIp(xff("1.1.1.1, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    // Node's header object form (next-auth passes req.headers), repeated headers joined.
    expect(clientIp({ "x-forwarded-for": ["1.1.1.1", "198.51.100.7"] }, 1)).toBe("198.51.100.7");
  });

  it("falls back to the only entry when a request reached the app past the proxies", () => {
    expect(clientIp(xff("198.51.100.7"), 2)).toBe("198.51.100.7");
    expect(clientIp(new Headers(), 1)).toBeNull();
    expect(clientIp(xff("x".repeat(100)), 1)).toBeNull();
  });

  it("reads KUBELAB_TRUSTED_PROXIES as a small hop count", () => {
    expect(trustedProxyHops({ KUBELAB_TRUSTED_PROXIES: "1" })).toBe(1);
    expect(trustedProxyHops({ KUBELAB_TRUSTED_PROXIES: "true" })).toBe(0);
    expect(trustedProxyHops({ KUBELAB_TRUSTED_PROXIES: "-3" })).toBe(0);
    expect(trustedProxyHops({ KUBELAB_TRUSTED_PROXIES: "1.5" })).toBe(0);
    expect(trustedProxyHops({ KUBELAB_TRUSTED_PROXIES: "99" })).toBe(10);
  });
});
