package io.vendsync.mapper.products;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommercetoolsNamesTest {

    @Test
    void shouldNormaliseOptionNamesToCommercetoolsAttributeNames() {
        assertThat(CommercetoolsNames.attributeName("Size")).isEqualTo("size");
        assertThat(CommercetoolsNames.attributeName(" size ")).isEqualTo("size");
        assertThat(CommercetoolsNames.attributeName("Colour / Color")).isEqualTo("colour-color");
        assertThat(CommercetoolsNames.attributeName("Taille é")).isEqualTo("taille-e");
        assertThat(CommercetoolsNames.attributeName("S")).isEqualTo("option-s");
        assertThat(CommercetoolsNames.attributeName("x".repeat(300))).hasSize(256);
        assertThat(CommercetoolsNames.attributeName("Größe")).matches("[A-Za-z0-9_-]{2,256}");
    }

    @Test
    void shouldMakeSlugsThatFitTheCommercetoolsSlugRule() {
        assertThat(CommercetoolsNames.slug("classictee", "Classic Tee", "f1")).isEqualTo("classictee");
        assertThat(CommercetoolsNames.slug(null, "Classic Tee!", "f1")).isEqualTo("classic-tee");
        assertThat(CommercetoolsNames.slug("", "?", "F-1")).isEqualTo("f-1");
        assertThat(CommercetoolsNames.slug("a", "A", "f1")).isEqualTo("a-f1");
    }
}
