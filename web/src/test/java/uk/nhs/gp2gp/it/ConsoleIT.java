package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.registeredAt;

import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin console in a real headless Chromium, as support staff use it: sign in, find a
 * transfer, read its timeline, retry a failed one, look after users and API keys, and be kept out
 * of pages their role does not allow. Each page is saved as a screenshot under target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    private static final String REQUESTING = "Q99501";
    private static final String SENDING = "Q99502";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    private URL app;

    private ConsoleBrowser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        putPractice(REQUESTING, "Console Synthetic Surgery");
        putPractice(SENDING, "Console Old Surgery");
        browser = new ConsoleBrowser(app, 1366, 900);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.close();
    }

    @Test
    void aWrongPasswordIsRefusedAndNoPageOpensWithoutSigningIn() throws Exception {
        browser.open("/console/transfers.xhtml");
        assertTrue(browser.path().startsWith("/console/login.xhtml"), browser.path());
        browser.screenshot("login");

        browser.signIn("admin", "not-the-password");
        assertTrue(browser.text(By.id("login:messages")).contains("Wrong user name or password"));
        assertTrue(browser.path().startsWith("/console/login.xhtml"));
        browser.screenshot("login-refused");

        asAdmin(app).get("api/v1/practices").then().statusCode(200);
    }

    @Test
    void fiveWrongPasswordsInARowLockTheAccount() throws Exception {
        browser.signIn("admin", ADMIN_PASSWORD);
        createUser("lucy.locked", "lucy-password-12", "OPERATOR");
        for (int attempt = 1; attempt <= 5; attempt++) {
            browser.signIn("lucy.locked", "wrong-password-" + attempt);
        }
        browser.signIn("lucy.locked", "lucy-password-12");
        assertTrue(browser.text(By.id("login:messages")).contains("locked"), "the right password is refused too");

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-audit"));
        browser.type(By.id("audit:actor"), "lucy.locked");
        browser.click(By.id("audit:find"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:events"), "account locked"));
    }

    @Test
    void theDashboardSearchAndDetailShowATransferMadeThroughTheApi() throws Exception {
        String nhsNumber = "9990000182";
        storeRecord(SENDING, nhsNumber);
        String conversation = startTransfer(nhsNumber);
        waitFor(conversation, t -> "READY_TO_INTEGRATE".equals(t.getString("status")));

        browser.signIn("admin", ADMIN_PASSWORD);
        assertEquals("/console/dashboard.xhtml", browser.path());
        assertTrue(Integer.parseInt(browser.text(By.id("today"))) >= 1, "the dashboard counts today's transfers");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#last30Days canvas")));
        browser.screenshot("dashboard");

        browser.click(By.id("nav-transfers"));
        browser.type(By.id("search:nhsNumber"), "999 000 0182");
        browser.click(By.id("search:find"));
        // Both sides of the conversation are hosted here, and nothing else has this NHS number.
        List<WebElement> rows = browser.waitFor(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#search\\:results_data tr"), 2));
        assertTrue(rows.stream().allMatch(row -> row.getText().contains("999 000 0182")));
        browser.screenshot("transfers");

        browser.open("/console/transfer.xhtml?id=" + conversation + "&role=REQUESTER");
        assertEquals(conversation, browser.text(By.id("conversationId")));
        assertEquals("Ready to integrate", browser.text(By.id("status")));
        String timeline = browser.text(By.id("transfer:timeline"));
        assertTrue(timeline.contains("RCMR_IN010000UK05"), "the EHR request is on the timeline: " + timeline);
        assertTrue(timeline.contains("RCMR_IN030000UK06"), "the extract is on the timeline: " + timeline);
        browser.screenshot("transfer");

        browser.click(By.id("nav-ehr-requests"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("waiting")));
        browser.screenshot("ehr-requests");
    }

    @Test
    void anOperatorRetriesAFailedTransferAndTheAuditLogShowsIt() throws Exception {
        String nhsNumber = "9990000190";
        String conversation = startTransfer(nhsNumber);
        awaitSenderWaiting(conversation);
        asAdmin(app).contentType("application/json").body("{\"reasonCode\": \"06\"}")
                .post("api/v1/ehr-requests/" + conversation + "/refusal").then().statusCode(200);
        waitFor(conversation, t -> "FAILED".equals(t.getString("status")));

        browser.signIn("admin", ADMIN_PASSWORD);
        createUser("olive.operator", "operator-password-1", "OPERATOR");
        browser.screenshot("users");

        browser.signIn("olive.operator", "operator-password-1");
        browser.open("/console/transfer.xhtml?id=" + conversation + "&role=REQUESTER");
        assertTrue(browser.text(By.id("transfer:failure")).contains("06"));
        assertTrue(browser.text(By.id("nextStep")).contains("What to do next"));
        browser.screenshot("transfer-failed");
        browser.click(By.id("transfer:retry"));
        browser.click(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Transfer retried"));
        String retried = browser.text(By.id("conversationId"));
        assertFalse(retried.equals(conversation), "the retry is a new conversation");
        assertEquals(nhsNumber, asAdmin(app).get("api/v1/transfers/" + retried + "?role=REQUESTER")
                .then().statusCode(200).extract().path("nhsNumber"));

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-audit"));
        browser.type(By.id("audit:action"), "TRANSFER_RETRY");
        browser.click(By.id("audit:find"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:events"), "olive.operator"));
        assertTrue(browser.text(By.id("audit:events")).contains(conversation));
        browser.screenshot("audit");
    }

    @Test
    void anAuditorCannotReachThePracticesPage() throws Exception {
        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-practices"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("practices:list"), REQUESTING));
        browser.screenshot("practices");
        createUser("audrey.auditor", "auditor-password-1", "AUDITOR");

        browser.signIn("audrey.auditor", "auditor-password-1");
        assertTrue(browser.driver().findElements(By.id("nav-practices")).isEmpty(), "no link to practices");
        browser.open("/console/practices.xhtml");
        assertTrue(browser.text(By.id("forbidden")).contains("not for your role"));
        browser.screenshot("forbidden");
        browser.open("/console/users.xhtml");
        assertTrue(browser.text(By.id("forbidden")).contains("not for your role"));
        browser.open("/console/audit.xhtml");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("audit:events")));
    }

    @Test
    void anAdminCreatesAnApiClientWhoseKeyWorksUntilRevoked() throws Exception {
        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-api-clients"));
        browser.type(By.id("clients:name"), "console-made-client");
        browser.type(By.id("clients:odsCodes"), REQUESTING);
        browser.click(By.id("clients:create"));
        String key = browser.text(By.id("issuedKey"));
        browser.screenshot("api-clients");

        anonymous(app).header("Authorization", "Bearer " + key).get("api/v1/practices/" + REQUESTING)
                .then().statusCode(200).body("odsCode", equalTo(REQUESTING));

        browser.click(By.id("clients:dismiss"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("issuedKey")));
        WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td//strong[text()='console-made-client']]")));
        row.findElement(By.xpath(".//button[contains(@id,'revoke')]")).click();
        browser.click(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Key revoked"));
        anonymous(app).header("Authorization", "Bearer " + key).get("api/v1/practices/" + REQUESTING)
                .then().statusCode(401);
    }

    @Test
    void aFailedTransfersRecordIsAskedForOnPaperAndMarkedDone() throws Exception {
        String nhsNumber = "9990000204";
        String conversation = failedTransfer(nhsNumber, REQUESTING, SENDING);

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.open("/console/transfer.xhtml?id=" + conversation + "&role=REQUESTER");
        assertTrue(browser.text(By.id("outcome")).startsWith("Technical failure"), browser.text(By.id("outcome")));
        browser.type(By.id("transfer:paperNote"), "patient seen on Monday");
        browser.click(By.id("transfer:requestPaper"));
        browser.click(By.cssSelector(".ui-confirmdialog-yes"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Paper record requested"));
        assertTrue(browser.text(By.id("paperTask")).contains("asked for by admin"), browser.text(By.id("paperTask")));
        browser.screenshot("transfer-paper-requested");

        browser.click(By.id("nav-paper-records"));
        WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tbody[@id='list:tasks_data']/tr[td//span[text()='999 000 0204']]")));
        assertTrue(row.getText().contains("Patient not at surgery"), row.getText());
        assertTrue(row.getText().contains("patient seen on Monday"), row.getText());
        String csv = browser.download(By.id("filter:downloadCsv"), ".csv");
        assertTrue(csv.contains(conversation + "," + nhsNumber + "," + REQUESTING + "," + SENDING), csv);
        browser.screenshot("paper-records");

        row.findElement(By.xpath(".//button[contains(@id,'markDone')]")).click();
        browser.type(By.id("doneForm:note"), "posted by recorded delivery");
        browser.click(By.id("doneForm:confirmDone"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Marked done"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//tbody[@id='list:tasks_data']/tr[td//span[text()='999 000 0204']]")));
        JsonPath done = asAdmin(app).get("api/v1/paper-fallbacks?status=DONE").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("posted by recorded delivery",
                done.getString("find { it.conversationId == '" + conversation + "' }.doneNote"));
        assertEquals("admin", done.getString("find { it.conversationId == '" + conversation + "' }.doneBy"));
    }

    @Test
    void theReportsPageCountsAPracticesMonthAndOpensTheTransfersBehindANumber() throws Exception {
        String requesting = "Q99505";
        String sending = "Q99506";
        putPractice(requesting, "Report Page Surgery");
        putPractice(sending, "Report Page Old Surgery");
        String failed = failedTransfer("9990000212", requesting, sending);
        storeRecord(sending, "9990000220");
        String arrived = startTransfer("9990000220", requesting, sending);
        waitFor(arrived, t -> "READY_TO_INTEGRATE".equals(t.getString("status")));

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-reports"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report\\:trend canvas")));
        browser.open("/console/reports.xhtml?ods=" + requesting);
        assertEquals("2", browser.text(By.id("total")));
        assertEquals("1", browser.text(By.id("tile-TECHNICAL_FAILURE")));
        assertEquals("1", browser.text(By.id("tile-IN_PROGRESS")));
        assertEquals("0", browser.text(By.id("tile-INTEGRATED_ON_TIME")));
        String reasons = browser.text(By.id("report:reasons"));
        assertTrue(reasons.contains("Patient not at surgery") && reasons.contains("Waiting to be integrated"), reasons);
        browser.screenshot("reports");

        browser.driver().findElement(By.xpath("//tbody[@id='report:reasons_data']/tr[td[contains(., 'Patient not at surgery')]]"
                + "//a[contains(@id,'open')]")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("behindTitle"), "Technical failure"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#behindTable_data tr"));
        assertEquals(1, rows.size());
        assertFalse(rows.get(0).getText().contains("999"), "no NHS number in the report's lists");
        rows.get(0).findElement(By.tagName("a")).click();
        assertEquals(failed, browser.text(By.id("conversationId")));

        browser.open("/console/reports.xhtml?ods=" + requesting);
        String csv = browser.download(By.id("filter:downloadCsv"), ".csv");
        String month = csv.lines().skip(1).findFirst().orElseThrow().split(",")[0];
        assertTrue(csv.contains(month + ",REQUESTER,pair," + requesting + "," + sending + ",ALL,,,2,"), csv);
        assertTrue(csv.contains(month + ",REQUESTER,all,,,TECHNICAL_FAILURE,06,Patient not at surgery,1,50.0"), csv);
    }

    @Test
    void theMessageInspectorSaysWhatAMessageIsAndWhatIsWrongWithIt() throws Exception {
        // The project's own test messages: the inspector is tested on a plain clone too.
        String request = java.nio.file.Files.readString(
                java.nio.file.Path.of("../ejb/src/test/resources/messages/valid-request.xml"));
        String badNhsNumber = java.nio.file.Files.readString(
                java.nio.file.Path.of("../ejb/src/test/resources/messages/bad-check-digit.xml"));

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-inspect"));
        browser.paste(By.id("inspect:message"), request);
        browser.click(By.id("inspect:run"));
        assertEquals("A receiver can process this message", browser.text(By.id("verdictTitle")));
        assertEquals("RCMR_IN010000UK05", browser.text(By.id("interaction")));
        browser.screenshot("inspect");

        browser.paste(By.id("inspect:message"), badNhsNumber);
        browser.click(By.id("inspect:run"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("verdictTitle"), "cannot be processed"));
        String errors = browser.text(By.id("inspect:errors"));
        assertTrue(errors.contains("nhsNumber"), errors);
        browser.screenshot("inspect-refused");
    }

    /** The repository's holdings: a suspended patient's record found by NHS number, with its history. */
    @Test
    void theSuspendedRecordsPageShowsAHeldRecordAndItsHistory() throws Exception {
        String nhsNumber = "9990050007";
        storeRecord(SENDING, nhsNumber);
        asAdmin(app).contentType("application/json")
                .body("{\"registeredOds\": null, \"managingOds\": \"" + SENDING + "\", \"deceased\": false}")
                .put("api/v1/demographics/" + nhsNumber).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        asAdmin(app).contentType("application/json")
                .body("{\"eventId\": \"console-" + nhsNumber + "\", \"nhsNumber\": \"" + nhsNumber
                        + "\", \"type\": \"DEREGISTRATION\", \"odsCode\": \"" + SENDING
                        + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}")
                .post("api/v1/registration-events").then().statusCode(200);
        Eventually.until("the repository holds the record", Duration.ofSeconds(30), () -> {
            var response = asAdmin(app).get("api/v1/suspended-records/" + nhsNumber);
            return response.statusCode() == 200 ? response.jsonPath().getString("status") : null;
        }, "COMPLETE"::equals);

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.click(By.id("nav-suspended-records"));
        browser.type(By.id("filter:ods"), SENDING);
        browser.click(By.id("filter:show"));
        // Read inside the wait: the list is redrawn by the filter, and a row read as it goes is stale.
        Boolean listed = browser.waitFor(driver -> driver.findElements(By.cssSelector("#records_data tr")).stream()
                .anyMatch(row -> row.getText().contains("999 005 0007")) ? Boolean.TRUE : null);
        assertTrue(listed, "listed by practice");
        browser.screenshot("suspended-records");

        browser.click(By.linkText("999 005 0007"));
        assertEquals("COMPLETE", browser.text(By.id("recordStatus")));
        String history = browser.text(By.id("history"));
        assertTrue(history.contains("EHR request sent to " + SENDING), history);
        assertTrue(history.contains("held until the patient registers again"), history);
        browser.screenshot("suspended-record");
    }

    @Test
    void theConsoleWorksAtTabletWidth() throws Exception {
        try (ConsoleBrowser tablet = new ConsoleBrowser(app, 820, 1180)) {
            tablet.signIn("admin", ADMIN_PASSWORD);
            tablet.click(By.id("nav-transfers"));
            tablet.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search:results")));
            tablet.screenshot("transfers-tablet");
        }
    }

    @Test
    void aDisabledUsersNextClickLandsOnTheSignInPage() throws Exception {
        browser.signIn("admin", ADMIN_PASSWORD);
        createUser("dora.disabled", "disabled-password-1", "OPERATOR");
        try (ConsoleBrowser dora = new ConsoleBrowser(app, 1366, 900)) {
            dora.signIn("dora.disabled", "disabled-password-1");
            dora.click(By.id("nav-transfers"));
            dora.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("search:results")));

            // The admin, in another browser, takes her access away while she is signed in.
            editUser("dora.disabled", "OPERATOR", false);
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("users:list"), "Disabled"));

            dora.click(By.id("nav-dashboard"));
            dora.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("ended")));
            assertTrue(dora.path().startsWith("/console/login.xhtml"), dora.path());
            dora.screenshot("session-ended");
            dora.open("/console/transfers.xhtml");
            assertTrue(dora.path().startsWith("/console/login.xhtml"), "the session is gone: " + dora.path());
        }
    }

    @Test
    void theSessionIdChangesAtSignInAndChangedRolesEndTheSession() throws Exception {
        browser.signIn("admin", ADMIN_PASSWORD);
        createUser("rory.roles", "roles-password-12", "AUDITOR");
        try (ConsoleBrowser rory = new ConsoleBrowser(app, 1366, 900)) {
            rory.open("/console/login.xhtml");
            String before = rory.driver().manage().getCookieNamed("JSESSIONID").getValue();
            rory.type(By.id("login:username"), "rory.roles");
            rory.type(By.id("login:password"), "roles-password-12");
            rory.click(By.id("login:signIn"));
            rory.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("session:signOut")));
            String after = rory.driver().manage().getCookieNamed("JSESSIONID").getValue();
            assertFalse(before.equals(after), "a new session id at sign-in");

            editUser("rory.roles", "OPERATOR", true);
            rory.click(By.id("nav-transfers"));
            rory.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("ended")));
            assertTrue(rory.path().startsWith("/console/login.xhtml"), rory.path());

            // Signed in again, the new role counts.
            rory.signIn("rory.roles", "roles-password-12");
            rory.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("nav-inspect")));
        }
    }

    /** Changes a console user's role and access through the users page, signed in as an admin. */
    private void editUser(String name, String role, boolean enabled) {
        browser.click(By.id("nav-users"));
        WebElement row = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td//strong[text()='" + name + "']]")));
        row.findElement(By.xpath(".//button[contains(@id,'edit')]")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("editForm:username"), "value", name));
        tickRole(role);
        boolean on = !browser.driver().findElements(By.cssSelector("#editForm\\:enabled.ui-toggleswitch-checked"))
                .isEmpty();
        if (on != enabled) {
            browser.click(By.cssSelector("#editForm\\:enabled .ui-toggleswitch-slider"));
        }
        browser.click(By.id("editForm:save"));
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.id("userDialog")));
    }

    /** Adds a console user through the users page, signed in as an admin. */
    private void createUser(String name, String password, String role) {
        browser.click(By.id("nav-users"));
        browser.click(By.id("users:add"));
        browser.type(By.id("editForm:username"), name);
        browser.type(By.id("editForm:password"), password);
        tickRole(role);
        browser.click(By.id("editForm:save"));
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("users:list"), name));
    }

    /** Ticks exactly this role in the user dialog. */
    private void tickRole(String role) {
        for (WebElement box : browser.driver().findElements(By.cssSelector("#editForm\\:roles label"))) {
            boolean wanted = box.getText().equals(role);
            boolean ticked = !browser.driver().findElements(By.cssSelector("#editForm\\:roles input[value='"
                    + box.getText() + "']:checked")).isEmpty();
            if (wanted != ticked) {
                box.click();
            }
        }
    }

    private void putPractice(String ods, String name) {
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"asid\": \"9000000" + ods.substring(1) + "\", \"partyKey\": \""
                        + ods + "-" + ods.substring(1) + "\", \"hosted\": true}")
                .put("api/v1/practices/" + ods).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private void storeRecord(String ods, String nhsNumber) {
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(nhsNumber))
                .put("api/v1/practices/" + ods + "/records/" + nhsNumber)
                .then().statusCode(org.hamcrest.Matchers.oneOf(201, 204));
    }

    private String startTransfer(String nhsNumber) {
        return startTransfer(nhsNumber, REQUESTING, SENDING);
    }

    private String startTransfer(String nhsNumber, String requesting, String sending) {
        registeredAt(asAdmin(app), nhsNumber, requesting, sending);
        return asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + requesting
                        + "\", \"sendingOds\": \"" + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().path("conversationId");
    }

    /** A transfer the old practice's system refused with 06 (patient not at surgery). */
    private String failedTransfer(String nhsNumber, String requesting, String sending) throws InterruptedException {
        String conversation = startTransfer(nhsNumber, requesting, sending);
        awaitSenderWaiting(conversation);
        asAdmin(app).contentType("application/json").body("{\"reasonCode\": \"06\"}")
                .post("api/v1/ehr-requests/" + conversation + "/refusal").then().statusCode(200);
        waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        return conversation;
    }

    private void awaitSenderWaiting(String conversation) {
        Eventually.until("the sender received the request", Duration.ofSeconds(30),
                () -> asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").statusCode() == 200);
    }

    private JsonPath waitFor(String conversation, Predicate<JsonPath> done) {
        return Eventually.until("transfer " + conversation, Duration.ofSeconds(30), () -> asAdmin(app)
                .get("api/v1/transfers/" + conversation + "?role=REQUESTER").then().extract().jsonPath(), done);
    }
}
