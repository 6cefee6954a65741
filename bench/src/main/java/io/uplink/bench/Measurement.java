package io.uplink.bench;

/** A measured figure: {@code 123456 records/s (EventJson)}. */
public record Measurement(String label, double value, String unit) {

    public String formatted() {
        String number = value >= 100 ? String.format("%,.0f", value) : String.format("%,.2f", value);
        return number + " " + unit + " (" + label + ")";
    }
}
