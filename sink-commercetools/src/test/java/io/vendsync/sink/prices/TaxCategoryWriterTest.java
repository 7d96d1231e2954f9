package io.vendsync.sink.prices;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.TaxRate;
import com.commercetools.api.models.tax_category.TaxCategoryUpdateAction;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.write.WriterTemplate;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaxCategoryWriterTest {

    private MockProject project;
    private SinkStatistics statistics;
    private WriterTemplate<TaxCategory, com.commercetools.api.models.tax_category.TaxCategory, TaxCategoryUpdateAction> writer;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        project.log.clear(); // the inventory type MockProject ensures
        statistics = new SinkStatistics();
        writer = TaxCategoryWriter.template(project.api, 3, statistics);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private static TaxRate rate(final String country, final double amount, final boolean included) {
        return TaxRate.newBuilder().setName("GST").setAmount(amount).setCountry(country).setIncludedInPrice(included).build();
    }

    private static TaxCategory gst(final long version, final TaxRate... rates) {
        return TaxCategory.newBuilder().setKey("vend-tax-gst").setVendTaxId("gst").setName("GST").setRates(List.of(rates))
                .setDeleted(false).setSourceVersion(version).setSourceTsMs(1L).build();
    }

    private com.commercetools.api.models.tax_category.TaxCategory current() {
        return project.direct.taxCategories().withKey("vend-tax-gst").get().executeBlocking().getBody();
    }

    @Test
    void shouldCreateTheTaxCategoryThenLeaveItUnchanged() {
        assertThat(writer.apply(gst(1, rate("NZ", 0.15, true), rate("AU", 0.10, false)))).isEqualTo(WriteOutcome.CREATED);

        assertThat(current().getRates()).extracting(r -> r.getCountry(), r -> r.getAmount(), r -> r.getIncludedInPrice())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("NZ", 0.15, true),
                        org.assertj.core.groups.Tuple.tuple("AU", 0.10, false));
        project.log.clear();
        assertThat(writer.apply(gst(1, rate("NZ", 0.15, true), rate("AU", 0.10, false)))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
        assertThat(statistics.created()).isEqualTo(1);
        assertThat(statistics.unchanged()).isEqualTo(1);
    }

    @Test
    void shouldReplaceAChangedRateAddANewCountryAndRemoveAGoneOneInOneRequest() {
        writer.apply(gst(1, rate("NZ", 0.15, true), rate("AU", 0.10, false)));
        project.log.clear();

        assertThat(writer.apply(gst(2, rate("NZ", 0.125, true), rate("US", 0.0, false)))).isEqualTo(WriteOutcome.UPDATED);

        assertThat(project.writes()).hasSize(1);
        assertThat(project.writes().get(0).getRequestBody()).contains("replaceTaxRate", "addTaxRate", "removeTaxRate");
        assertThat(current().getRates()).extracting(r -> r.getCountry(), r -> r.getAmount())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("NZ", 0.125), org.assertj.core.groups.Tuple.tuple("US", 0.0));
    }

    @Test
    void shouldLeaveTheCategoryOfADeletedVendTaxInPlace() {
        writer.apply(gst(1, rate("NZ", 0.15, true)));
        project.log.clear();

        assertThat(writer.apply(TaxCategory.newBuilder(gst(2)).setDeleted(true).build())).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(current().getRates()).hasSize(1);
    }
}
