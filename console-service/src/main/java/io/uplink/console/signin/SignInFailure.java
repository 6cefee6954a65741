package io.uplink.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;

/** Shows the sign-in page again with why, without putting the reason or the credential in the URL. */
class SignInFailure implements AuthenticationFailureHandler {

    static final String REASON = SignInFailure.class.getName() + ".reason";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        request.getSession(true).setAttribute(REASON, exception.getMessage());
        response.sendRedirect(request.getContextPath() + "/console/sign-in?failed");
    }
}
