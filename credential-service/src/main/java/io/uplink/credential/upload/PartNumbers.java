package io.uplink.credential.upload;

import io.uplink.credential.web.InvalidRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Parses {@code 1-50}, {@code 1,2,7} or {@code 1-3,9}; bounds are checked before any range is expanded. */
public final class PartNumbers {

    private static final int MAX = 10_000;

    private PartNumbers() {
    }

    public static List<Integer> parse(String spec, String field) {
        if (spec == null || spec.isBlank() || spec.length() > 2000) {
            throw InvalidRequestException.badRequest(field, "part-numbers", "give part numbers such as 1-50 or 1,2,7");
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String item : spec.split(",")) {
            String[] range = item.trim().split("-", -1);
            if (range.length > 2) {
                throw InvalidRequestException.badRequest(field, "part-numbers", "'" + item + "' is not a number or range");
            }
            int from = number(range[0], field);
            int to = range.length == 2 ? number(range[1], field) : from;
            if (to < from || to - from >= MultipartUploads.MAX_PARTS_PER_BATCH) {
                throw InvalidRequestException.badRequest(field, "batch-size",
                        "ask for 1 to " + MultipartUploads.MAX_PARTS_PER_BATCH + " part numbers at a time");
            }
            for (int n = from; n <= to; n++) {
                numbers.add(n);
            }
            if (numbers.size() > MultipartUploads.MAX_PARTS_PER_BATCH) {
                throw InvalidRequestException.badRequest(field, "batch-size",
                        "ask for 1 to " + MultipartUploads.MAX_PARTS_PER_BATCH + " part numbers at a time");
            }
        }
        return new ArrayList<>(numbers);
    }

    private static int number(String text, String field) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw InvalidRequestException.badRequest(field, "part-number-range", "part numbers run from 1 to 10000");
    }
}
