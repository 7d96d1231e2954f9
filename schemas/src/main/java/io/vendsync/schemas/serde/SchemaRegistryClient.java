package io.vendsync.schemas.serde;

import org.apache.avro.Schema;

/** The two calls the Confluent wire format needs from a registry. */
public interface SchemaRegistryClient {

    /** Registers (or finds) {@code schema} under {@code subject} and returns its global id. */
    int register(String subject, Schema schema);

    /** The writer schema with this global id. */
    Schema schemaById(int id);
}
