package io.vendsync.mapper.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtinsTest {

    private static GtinCheck check(final String type, final String code) {
        return Gtins.check(type, code).orElseThrow();
    }

    @Test
    void shouldNormaliseUpcAToGtin14() {
        final GtinCheck upc = check("UPC", "036000291452");
        assertThat(upc.isValid()).isTrue();
        assertThat(upc.gtin14()).isEqualTo("00036000291452");
    }

    @Test
    void shouldNormaliseEan13AndEan8AndJanToGtin14() {
        assertThat(check("EAN", "4006381333931").gtin14()).isEqualTo("04006381333931");
        assertThat(check("EAN", "96385074").gtin14()).isEqualTo("00000096385074");
        assertThat(check("JAN", "4901234567894").gtin14()).isEqualTo("04901234567894");
    }

    @Test
    void shouldAcceptItf14AsIs() {
        assertThat(check("ITF", "10012345678902").gtin14()).isEqualTo("10012345678902");
    }

    @Test
    void shouldCompareTypesCaseInsensitively() {
        assertThat(check("ean", "4006381333931").isValid()).isTrue();
        assertThat(check(" Upc ", "036000291452").isValid()).isTrue();
    }

    @Test
    void shouldIgnoreCustomAndUnknownTypes() {
        assertThat(Gtins.check("CUSTOM", "10001")).isEmpty();
        assertThat(Gtins.check("custom", "anything")).isEmpty();
        assertThat(Gtins.check(null, "4006381333931")).isEmpty();
    }

    @Test
    void shouldRejectEanWithWrongCheckDigitNamingTheExpectedDigit() {
        final GtinCheck ean = check("EAN", "4006381333932");
        assertThat(ean.isValid()).isFalse();
        assertThat(ean.code()).isEqualTo("4006381333932");
        assertThat(ean.expectedCheckDigit()).isEqualTo("1");
        assertThat(ean.problem()).contains("check digit is 2, expected 1");
    }

    @Test
    void shouldRejectWrongLengthAndNonDigitsWithoutExpectedDigit() {
        final GtinCheck shortCode = check("EAN", "400638133");
        assertThat(shortCode.isValid()).isFalse();
        assertThat(shortCode.problem()).contains("9 digits");
        assertThat(shortCode.expectedCheckDigit()).isNull();
        assertThat(check("UPC", "03600029145A").problem()).contains("other than digits");
        assertThat(check("EAN", "4006-381-333931").isValid()).isFalse(); // separators are only an ISBN's written form
        assertThat(check("EAN", " ").problem()).contains("empty");
    }

    @Test
    void shouldConvertIsbn10ToIsbn13AsGtin14() {
        assertThat(check("ISBN", "0-306-40615-2").gtin14()).isEqualTo("09780306406157");
        assertThat(check("ISBN", "080442957x").gtin14()).isEqualTo("09780804429573");
    }

    @Test
    void shouldAcceptHyphenatedIsbn13() {
        assertThat(check("isbn", "978-0-306-40615-7").gtin14()).isEqualTo("09780306406157");
    }

    @Test
    void shouldRejectIsbn10WithWrongCheckCharacter() {
        final GtinCheck isbn = check("ISBN", "0-8044-2957-5");
        assertThat(isbn.isValid()).isFalse();
        assertThat(isbn.expectedCheckDigit()).isEqualTo("X");
        assertThat(check("ISBN", "0-306-40615-3").expectedCheckDigit()).isEqualTo("2");
    }

    @Test
    void shouldComputeGs1CheckDigitForEveryLength() {
        assertThat(Gtins.gs1CheckDigit("9638507")).isEqualTo('4');
        assertThat(Gtins.gs1CheckDigit("03600029145")).isEqualTo('2');
        assertThat(Gtins.gs1CheckDigit("400638133393")).isEqualTo('1');
        assertThat(Gtins.gs1CheckDigit("1001234567890")).isEqualTo('2');
        assertThat(Gtins.isbn10CheckDigit("080442957")).isEqualTo('X');
    }
}
