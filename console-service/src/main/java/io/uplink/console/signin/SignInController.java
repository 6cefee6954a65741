package io.uplink.console.signin;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page, the landing page by role, and the page for a forbidden one. */
@Controller
class SignInController {

    private final OidcProperties oidc;

    SignInController(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/console/sign-in")
    String signIn(HttpSession session, Model model) {
        model.addAttribute("oidc", oidc.enabled());
        Object reason = session.getAttribute(SignInFailure.REASON);
        if (reason != null) {
            session.removeAttribute(SignInFailure.REASON);
            model.addAttribute("failure", reason);
        }
        return "sign-in";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return ConsoleUser.current().isAdmin() ? "redirect:/console/admin/tenants" : "redirect:/console/tenant/files";
    }

    /** Reached by forward from the access-denied handling, with the refused request's method (a POST too). */
    @RequestMapping("/console/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "forbidden";
    }
}
