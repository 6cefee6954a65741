package io.uplink.credential.mintlatency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a handler that signs something for the caller: its latency is the credential-mint SLI. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MintsCredentials {

    /** What it signs, the {@code operation} tag: {@code upload}, {@code part-urls}, {@code sts}, … */
    String value();
}
