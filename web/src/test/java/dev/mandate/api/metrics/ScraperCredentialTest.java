package dev.mandate.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ScraperCredentialTest {

    private static final String SETTING =
            "prometheus:" + HexFormat.of().formatHex(ScraperCredential.sha256("s3cret:with:colons"));

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void admitsTheScraperWithItsPasswordOnly() {
        ScraperCredential scraper = ScraperCredential.parse(SETTING);
        assertThat(scraper.admits(basic("prometheus:s3cret:with:colons"))).isTrue();
        assertThat(scraper.admits(
                        "basic " + basic("prometheus:s3cret:with:colons").substring(6)))
                .isTrue();
        assertThat(scraper.admits(basic("prometheus:s3cret"))).isFalse();
        assertThat(scraper.admits(basic("Prometheus:s3cret:with:colons"))).isFalse();
        assertThat(scraper.admits(basic("prometheus"))).isFalse();
        assertThat(scraper.admits(basic(":s3cret:with:colons"))).isFalse();
        assertThat(scraper.admits(
                        "Bearer " + basic("prometheus:s3cret:with:colons").substring(6)))
                .isFalse();
        assertThat(scraper.admits("Basic %%%")).isFalse();
        assertThat(scraper.admits("Basic " + "A".repeat(2000))).isFalse();
        assertThat(scraper.admits("")).isFalse();
        assertThat(scraper.admits(null)).isFalse();
    }

    @Test
    void aSettingNotOfTheFormAdmitsNobody() {
        for (String setting : new String[] {
            "prometheus", "prometheus:plain-password", ":" + SETTING.split(":")[1], "prometheus:" + "g".repeat(64), ""
        }) {
            ScraperCredential scraper = ScraperCredential.parse(setting);
            assertThat(scraper.admits(basic("prometheus:plain-password")))
                    .as(setting)
                    .isFalse();
            assertThat(scraper.admits(basic("prometheus:s3cret:with:colons")))
                    .as(setting)
                    .isFalse();
        }
    }
}
