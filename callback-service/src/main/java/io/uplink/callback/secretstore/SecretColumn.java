package io.uplink.callback.secretstore;

/**
 * The endpoints columns that hold a signing secret. The column is part of the associated data, so a value copied
 * from one column to the other does not decrypt.
 */
public enum SecretColumn {
    SECRET("secret"),
    PREVIOUS_SECRET("previous_secret");

    private final String columnName;

    SecretColumn(String columnName) {
        this.columnName = columnName;
    }

    public String columnName() {
        return columnName;
    }
}
