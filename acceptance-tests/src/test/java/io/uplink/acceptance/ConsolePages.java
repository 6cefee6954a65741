package io.uplink.acceptance;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a person uses it, in Chromium: pages by path, forms by their labels' fields, and for every page a
 * screenshot at desktop and phone width with the checks every page must pass (a heading, every field labelled, no
 * sideways scrolling at 390 pixels).
 */
final class ConsolePages {

    static final Dimension DESKTOP = new Dimension(1280, 1000);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromiumBrowser browser;
    private final String gatewayUrl;

    ConsolePages(ChromiumBrowser browser, String gatewayUrl) {
        this.browser = browser;
        this.gatewayUrl = gatewayUrl;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    void open(String path) {
        driver().get(gatewayUrl + path);
    }

    String path() {
        return java.net.URI.create(driver().getCurrentUrl()).getPath();
    }

    void signIn(String credential) {
        submitCredential(credential);
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(d -> !path().endsWith("/sign-in"));
    }

    void signInExpectingRefusal(String credential) {
        submitCredential(credential);
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("failed"));
    }

    private void submitCredential(String credential) {
        open("/console/sign-in");
        driver().findElement(By.id("credential")).sendKeys(credential);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
    }

    void signOut() {
        follow(driver().findElement(By.xpath("//button[normalize-space()='Sign out']")));
        new WebDriverWait(driver(), Duration.ofSeconds(20)).until(d -> path().endsWith("/sign-in"));
    }

    WebElement field(String name) {
        return driver().findElement(By.name(name));
    }

    void fill(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
    }

    void press(String buttonText) {
        follow(driver().findElement(By.xpath("//button[normalize-space()='" + buttonText + "']")));
    }

    /**
     * Clicks what leads to another page (a form's button, a link) and waits until that page has replaced this one and
     * finished loading. The old page is recognised by a mark set on its window, which a new document does not have:
     * asking an element of the old page whether it is stale races with its teardown, where Chromium may answer with
     * an inspector error instead. Errors while the pages change hands are waited out.
     */
    void follow(WebElement element) {
        String mark = UUID.randomUUID().toString();
        ((JavascriptExecutor) driver()).executeScript("window.uplinkPageMark = arguments[0]", mark);
        element.click();
        new WebDriverWait(driver(), Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d -> {
            List<?> page = (List<?>) ((JavascriptExecutor) d).executeScript(
                    "return [window.uplinkPageMark || null, document.readyState]");
            return !mark.equals(page.get(0)) && "complete".equals(page.get(1));
        });
    }

    String text(String css) {
        return driver().findElement(By.cssSelector(css)).getText();
    }

    String heading() {
        return text("h1");
    }

    String notice() {
        List<WebElement> notices = driver().findElements(By.cssSelector(".notice, .error"));
        return notices.isEmpty() ? "" : notices.get(0).getText();
    }

    /** Screenshots this page at both widths (name-desktop.png, name-phone.png) and checks what every page must be. */
    void check(String name) {
        assertThat(driver().findElements(By.tagName("h1"))).as("%s has a heading", name).isNotEmpty();
        Object unlabelled = ((JavascriptExecutor) driver()).executeScript("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                  .filter(e => !e.closest('.uppy-Root'))
                  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                  .map(e => e.name || e.id)""");
        assertThat((List<?>) unlabelled).as("fields without a label on %s", name).isEmpty();
        browser.screenshot("console-" + name + "-desktop");
        try {
            driver().manage().window().setSize(PHONE);
            Object overflow = ((JavascriptExecutor) driver()).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as("%s scrolls sideways at 390 px", name).isLessThanOrEqualTo(1);
            browser.screenshot("console-" + name + "-phone");
        } finally {
            driver().manage().window().setSize(DESKTOP);
        }
    }
}
