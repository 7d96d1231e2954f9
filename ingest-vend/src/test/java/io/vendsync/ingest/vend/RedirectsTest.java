package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    private static final String FROM = "https://shop.retail.lightspeed.app/api/2.0/products?after=0";

    @Test
    void shouldFollowARedirectOnTheSameOriginAbsoluteOrRelative() throws Exception {
        assertThat(Redirects.sameOriginTarget(FROM, "https://shop.retail.lightspeed.app/api/2.0/products?after=5"))
                .isEqualTo("https://shop.retail.lightspeed.app/api/2.0/products?after=5");
        assertThat(Redirects.sameOriginTarget(FROM, "/api/2.1/products?after=0"))
                .isEqualTo("https://shop.retail.lightspeed.app/api/2.1/products?after=0");
        // The default port spelled out is the same origin; host names are case-insensitive.
        assertThat(Redirects.sameOriginTarget(FROM, "https://SHOP.retail.lightspeed.app:443/x")).endsWith("/x");
    }

    @Test
    void shouldRefuseARedirectToAnotherHostOrPort() {
        assertThatThrownBy(() -> Redirects.sameOriginTarget(FROM, "https://evil.example/api/2.0/products"))
                .isInstanceOf(Redirects.Refused.class).hasMessageContaining("another host").hasMessageContaining("evil.example");
        assertThatThrownBy(() -> Redirects.sameOriginTarget("http://127.0.0.1:8080/api", "http://127.0.0.1:8081/api"))
                .isInstanceOf(Redirects.Refused.class).hasMessageContaining("127.0.0.1:8081");
        assertThatThrownBy(() -> Redirects.sameOriginTarget(FROM, "//other.example/api"))
                .isInstanceOf(Redirects.Refused.class);
    }

    @Test
    void shouldRefuseADowngradeFromHttpsToHttpOnTheSameHost() {
        assertThatThrownBy(() -> Redirects.sameOriginTarget(FROM, "http://shop.retail.lightspeed.app/api/2.0/products"))
                .isInstanceOf(Redirects.Refused.class).hasMessageContaining("https to http");
    }

    @Test
    void shouldRefuseARedirectWithoutAUsableLocation() {
        assertThatThrownBy(() -> Redirects.sameOriginTarget(FROM, null)).isInstanceOf(Redirects.Refused.class);
        assertThatThrownBy(() -> Redirects.sameOriginTarget(FROM, "http://[broken")).isInstanceOf(Redirects.Refused.class);
    }
}
