package io.vendsync.schemas.serde;

/** How Avro records are framed on the wire. */
public enum WireFormat {
    /** Avro single-object encoding (C3 01 + CRC-64 fingerprint + body): needs only the bundled schemas. */
    SINGLE_OBJECT,
    /** Confluent framing (0x00 + int32 schema id + body) against a Confluent-REST schema registry. */
    CONFLUENT
}
