package io.vendsync.mapper.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.identity.SkuCase;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.schemas.mapping.MappingOrigin;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class OverrideCsvImporterTest {

    private final OverrideCsvImporter importer = new OverrideCsvImporter(new Skus(SkuCase.PRESERVE));

    private OverrideImport read(final String csv) throws IOException {
        return importer.read("overrides.csv", new StringReader(csv));
    }

    @Test
    void shouldReadProductSkuOverridesWithLineOfOriginInEachRecord() throws IOException {
        final OverrideImport result = read("vend_product_id,commercetools_sku\r\np-1,CT-1\r\np-2,CT-2\r\n");

        assertThat(result.isValid()).isTrue();
        assertThat(result.kind()).isEqualTo(OverrideImport.Kind.PRODUCT_SKU);
        assertThat(result.outletChannels()).isEmpty();
        assertThat(result.productSkus()).extracting(o -> o.getProductId() + "=" + o.getSku())
                .containsExactly("p-1=CT-1", "p-2=CT-2");
        assertThat(result.productSkus().get(1).getOrigin()).isEqualTo("csv:overrides.csv line 3");
    }

    @Test
    void shouldReadOutletChannelOverridesAsExplicitMappings() throws IOException {
        final OverrideImport result = read("\uFEFFVend_Outlet_Id, Channel_Key\nB8CA3A65-0183,main-street\n");

        assertThat(result.isValid()).isTrue();
        assertThat(result.kind()).isEqualTo(OverrideImport.Kind.OUTLET_CHANNEL);
        assertThat(result.outletChannels()).singleElement().satisfies(mapping -> {
            assertThat(mapping.getOutletId()).isEqualTo("B8CA3A65-0183");
            assertThat(mapping.getChannelKey()).isEqualTo("main-street");
            assertThat(mapping.getOrigin()).isEqualTo(MappingOrigin.EXPLICIT);
        });
    }

    @Test
    void shouldReadCustomerLinksAndRefuseOneCommercetoolsCustomerForTwoVendCustomers() throws IOException {
        final OverrideImport result = read("vend_customer_id,commercetools_customer_id\nc-1,ct-9\nc-2,ct-8\n");

        assertThat(result.isValid()).isTrue();
        assertThat(result.kind()).isEqualTo(OverrideImport.Kind.CUSTOMER_LINK);
        assertThat(result.customerLinks()).extracting(l -> l.getCustomerId() + "=" + l.getCommercetoolsCustomerId())
                .containsExactly("c-1=ct-9", "c-2=ct-8");
        assertThat(result.customerLinks().get(0).getOrigin()).isEqualTo("csv:overrides.csv line 2");

        assertThat(read("vend_customer_id,commercetools_customer_id\nc-1,ct-9\nc-2,ct-9\n").errors()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void shouldHonourRfc4180QuotingAndLastLineWithoutLineBreak() throws IOException {
        final OverrideImport result = read("vend_product_id,commercetools_sku\n\"p-1\",\"CT,\"\"1\"\"\"\n\np-2,CT-2");

        assertThat(result.errors()).isEmpty();
        assertThat(result.productSkus()).extracting(o -> o.getSku()).containsExactly("CT,\"1\"", "CT-2");
    }

    @Test
    void shouldCountLinesInsideQuotedFieldsForLaterLineNumbers() throws IOException {
        final OverrideImport result = read("vend_product_id,commercetools_sku\np-1,\"CT\n1\"\np-2,\n");

        assertThat(result.errors()).extracting(LineError::line).containsExactly(2, 4);
    }

    @Test
    void shouldReportEveryBadLineWithItsNumberAndPublishNothing() throws IOException {
        final OverrideImport result = read(String.join("\n",
                "vend_product_id,commercetools_sku",
                "p-1,CT-1",
                "p-2, CT-2 ",
                "p-3,",
                "p-4,CT-4,extra",
                "p-1,CT-9",
                "p-6,CT-1",
                "p-7,CT\"7",
                "p 8,CT-8",
                "p-9,\"CT-9\"x",
                ""));

        assertThat(result.isValid()).isFalse();
        assertThat(result.size()).isZero();
        assertThat(result.errors()).extracting(LineError::toString).containsExactly(
                "line 3: commercetools_sku ' CT-2 ' has whitespace; did you mean 'CT-2'?",
                "line 4: commercetools_sku is empty",
                "line 5: has 3 fields, expected 2 (vend_product_id,commercetools_sku)",
                "line 6: vend_product_id p-1 is already on line 2",
                "line 7: commercetools_sku 'CT-1' is also given on line 2; two products cannot share one commercetools SKU",
                "line 8: a quote inside unquoted field 2 (quote the whole field and write the quote as \"\")",
                "line 9: vend_product_id 'p 8' has whitespace",
                "line 10: text after the closing quote of field 2 (write a quote inside a quoted field as \"\")");
    }

    @Test
    void shouldFindSkuClashesUnderTheConfiguredCaseRule() throws IOException {
        final OverrideCsvImporter upper = new OverrideCsvImporter(new Skus(SkuCase.UPPER));
        final OverrideImport result = upper.read("f.csv", new StringReader("vend_product_id,commercetools_sku\np-1,ct-1\np-2,CT-1\n"));

        assertThat(result.errors()).extracting(LineError::line).containsExactly(3);
    }

    @Test
    void shouldRefuseChannelKeysCommercetoolsWouldRefuse() throws IOException {
        final OverrideImport result = read("vend_outlet_id,channel_key\no-1,main street\no-2,x\no-3,ok-key\n");

        assertThat(result.errors()).extracting(LineError::line).containsExactly(2, 3);
        assertThat(result.errors().get(0).message()).contains("main street");
    }

    @Test
    void shouldReportUnterminatedQuoteAtTheLineItStarts() throws IOException {
        final OverrideImport result = read("vend_product_id,commercetools_sku\np-1,CT-1\np-2,\"CT-2\np-3,CT-3\n");

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).contains("not closed");
        });
    }

    @Test
    void shouldRefuseUnknownHeaderEmptyFileAndHeaderOnlyFile() throws IOException {
        assertThat(read("product,sku\np-1,CT-1\n").errors()).singleElement()
                .satisfies(error -> assertThat(error.toString()).startsWith("line 1: the header is 'product,sku'"));
        assertThat(read("").errors()).singleElement().satisfies(error -> assertThat(error.message()).contains("empty"));
        assertThat(read("vend_outlet_id,channel_key\n").errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("no lines"));
    }
}
