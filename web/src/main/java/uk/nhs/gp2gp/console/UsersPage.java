package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import uk.nhs.gp2gp.security.ConsoleUser;
import uk.nhs.gp2gp.security.ConsoleUsers;

/** users.xhtml: who may sign in to the console and with which role; administrators only. */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ConsoleUsers users;

    @Inject
    private SignedInUser user;

    private List<ConsoleUser> all;
    private boolean existing;
    private String username;
    private String password;
    private List<String> roles = new java.util.ArrayList<>(List.of(ConsoleRoles.OPERATOR));
    private boolean enabled = true;

    @PostConstruct
    void load() {
        all = users.all();
    }

    public void add() {
        existing = false;
        username = null;
        password = null;
        roles = new java.util.ArrayList<>(List.of(ConsoleRoles.OPERATOR));
        enabled = true;
    }

    public void edit(ConsoleUser person) {
        existing = true;
        username = person.getUsername();
        password = null;
        roles = new java.util.ArrayList<>(person.getRoles());
        enabled = person.isEnabled();
    }

    public void save() {
        try {
            user.require(user.isAdmin());
            if (username == null || !username.strip().matches("[A-Za-z0-9._@-]{2,60}")) {
                throw new IllegalArgumentException(
                        "A user name is 2 to 60 letters, digits, dots, dashes, underscores or @");
            }
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("Choose a role");
            }
            users.save(user.getName(), username.strip(), password == null ? null : password.toCharArray(),
                    Set.copyOf(roles), enabled);
            ConsoleMessages.done("User saved", username.strip() + (existing ? " updated" : " added"));
            password = null;
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("User not saved", e);
        }
    }

    public List<String> getAllRoles() {
        return List.of(ConsoleRoles.ADMIN, ConsoleRoles.OPERATOR, ConsoleRoles.AUDITOR);
    }

    public List<ConsoleUser> getAll() {
        return all;
    }

    public boolean isExisting() {
        return existing;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
