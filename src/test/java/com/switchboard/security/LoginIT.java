package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import java.io.IOException;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * Wrong passwords slow down the client that sends them, never the user: nobody can lock the admin out, and
 * guessing stays slow. The configured admin password is the one in force, whatever the database held.
 */
class LoginIT extends SwitchboardIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    Environment environment;

    @Test
    void aGuesserSlowsHimselfDownAndCannotLockTheAdminOut() throws IOException {
        RawHttp guesser = new RawHttp(port).from("127.0.0.2");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(guesser.get("/engine-rest/user", "Authorization: " + RawHttp.basic("admin", "guess-" + i)).status())
                    .isEqualTo(401);
        }
        RawHttp.Response throttled = guesser.get("/engine-rest/user", "Authorization: " + RawHttp.basic("admin", "guess-x"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
        // Even the right password waits, from the guessing address.
        assertThat(guesser.get("/engine-rest/user", "Authorization: " + RawHttp.basic("admin", TEST_ADMIN_PASSWORD)).status())
                .isEqualTo(429);

        // The admin, from anywhere else, signs in at once, and the engine has locked nobody.
        assertThat(new RawHttp(port).from("127.0.0.3").get("/engine-rest/user",
                "Authorization: " + RawHttp.basic("admin", TEST_ADMIN_PASSWORD)).status()).isEqualTo(200);
        assertThat(identity.checkPassword("admin", TEST_ADMIN_PASSWORD)).isTrue();
    }

    @Test
    void moreWrongPasswordsThanCamundasLockLimitLockNobody() {
        String id = "locktest" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        User user = identity.newUser(id);
        user.setPassword("Right-Pa55word");
        identity.saveUser(user);
        for (int i = 0; i < 15; i++) { // Camunda would lock the user for good after 10
            assertThat(identity.checkPassword(id, "wrong-" + i)).isFalse();
        }
        assertThat(identity.checkPassword(id, "Right-Pa55word")).isTrue();
    }

    @Test
    void oneWrongPasswordDoesNotDelayTheRightOne() throws IOException {
        RawHttp client = new RawHttp(port).from("127.0.0.4");
        assertThat(client.get("/engine-rest/user", "Authorization: " + RawHttp.basic("admin", "typo")).status()).isEqualTo(401);
        assertThat(client.get("/engine-rest/user", "Authorization: " + RawHttp.basic("admin", TEST_ADMIN_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void theCockpitLoginIsThrottledLikeBasicSignIn() throws IOException {
        RawHttp guesser = new RawHttp(port).from("127.0.0.5");
        String form = "Content-Type: application/x-www-form-urlencoded";
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login(guesser, "admin", "guess-" + i, form)).isIn(401, 403);
        }
        assertThat(login(guesser, "admin", "guess-x", form)).isEqualTo(429);
        assertThat(login(new RawHttp(port).from("127.0.0.6"), "admin", TEST_ADMIN_PASSWORD, form)).isEqualTo(200);
    }

    @Test
    void theConfiguredAdminPasswordIsSetAtEveryStartAndTheAdminUnlocked() {
        setAdminPassword("admin");
        try {
            new AdminAccount(environment).engineBuilt(processEngine);
            assertThat(identity.checkPassword("admin", "admin")).isFalse();
            assertThat(identity.checkPassword("admin", TEST_ADMIN_PASSWORD)).isTrue();
            assertThat(identity.createUserQuery().userId("admin").memberOfGroup(SwitchboardGroups.ADMINISTRATORS).count())
                    .isEqualTo(1);
        } finally {
            setAdminPassword(TEST_ADMIN_PASSWORD);
        }
    }

    @Test
    void outsideTheEmulatorProfileAnAdminStillSigningInWithAdminStopsTheStart() {
        setAdminPassword("admin");
        MockEnvironment production = new MockEnvironment()
                .withProperty("camunda.bpm.admin-user.id", "operations")
                .withProperty("camunda.bpm.admin-user.password", "Operations-Pa55word");
        production.setActiveProfiles("postgres");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            new AdminAccount(production).engineBuilt(processEngine))
                    .hasMessageContaining("user 'admin' signs in with the default password");
        } finally {
            setAdminPassword(TEST_ADMIN_PASSWORD);
            identity.deleteUser("operations");
        }
    }

    private void setAdminPassword(String password) {
        User admin = identity.createUserQuery().userId("admin").singleResult();
        admin.setPassword(password);
        identity.saveUser(admin);
    }

    /** As the Cockpit login page does it: a session and its CSRF token from the page, then the form. */
    private static int login(RawHttp client, String user, String password, String form) throws IOException {
        RawHttp.Response page = client.get("/camunda/app/cockpit/default/");
        String cookies = page.header("Set-Cookie");
        String session = cookies.replaceAll("(?s).*(JSESSIONID=[^;\\n]*).*", "$1");
        String csrf = cookies.replaceAll("(?s).*XSRF-TOKEN=([^;\\n]*).*", "$1");
        String body = "username=" + user + "&password=" + password;
        return client.exchange("POST /camunda/api/admin/auth/user/default/login/cockpit HTTP/1.1\r\nHost: localhost\r\n"
                + form + "\r\nCookie: " + session + "; XSRF-TOKEN=" + csrf + "\r\nX-XSRF-TOKEN: " + csrf
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n", body.getBytes()).status();
    }
}
