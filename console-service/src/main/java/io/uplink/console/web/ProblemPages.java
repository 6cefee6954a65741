package io.uplink.console.web;

import io.uplink.console.gateway.GatewayProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A page whose API call was refused or failed shows the API's problem, with its status, instead of a stack trace. */
@ControllerAdvice
class ProblemPages {

    @ExceptionHandler(GatewayProblem.class)
    String gatewayProblem(GatewayProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status() == 401 ? 401 : problem.status() >= 500 ? 502 : problem.status());
        model.addAttribute("user", SignedInUser.find());
        model.addAttribute("status", problem.status());
        model.addAttribute("title", problem.title());
        model.addAttribute("detail", problem.getMessage());
        return "problem";
    }

    /** A filter or form value the console itself cannot read (a malformed date, a non-number). */
    @ExceptionHandler(IllegalArgumentException.class)
    String invalidInput(IllegalArgumentException invalid, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("user", SignedInUser.find());
        model.addAttribute("status", 400);
        model.addAttribute("title", "Bad Request");
        model.addAttribute("detail", invalid.getMessage());
        return "problem";
    }
}
