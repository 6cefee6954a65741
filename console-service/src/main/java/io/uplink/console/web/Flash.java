package io.uplink.console.web;

import io.uplink.console.gateway.GatewayProblem;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outcome of a form action, shown once on the page it redirects to (post/redirect/get): a notice when it
 * worked, the API's problem when it did not.
 */
public final class Flash {

    public static final String NOTICE = "notice";
    public static final String ERROR = "error";

    private Flash() {
    }

    /** Runs one API action; returns whether it worked. */
    public static boolean run(RedirectAttributes flash, String notice, Runnable action) {
        try {
            action.run();
            if (notice != null) {
                flash.addFlashAttribute(NOTICE, notice);
            }
            return true;
        } catch (GatewayProblem problem) {
            flash.addFlashAttribute(ERROR, problem.title() + ": " + problem.getMessage());
            return false;
        } catch (IllegalArgumentException invalid) {
            flash.addFlashAttribute(ERROR, invalid.getMessage());
            return false;
        }
    }
}
