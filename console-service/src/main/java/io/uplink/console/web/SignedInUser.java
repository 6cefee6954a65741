package io.uplink.console.web;

import io.uplink.console.signin.ConsoleUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in ({@code user}, null on the sign-in page), for the header and navigation. */
@ControllerAdvice
class SignedInUser {

    @ModelAttribute("user")
    ConsoleUser user() {
        return find();
    }

    /** For handlers that model attribute methods do not run for (exception handlers). */
    static ConsoleUser find() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
    }
}
