package dev.mandate.api.devtoken;

import dev.mandate.api.devtoken.DevLoginResource.AuthorizationRequest;

/** The dev login form: who you are, as which role, in which tenant. Every value written escaped. */
final class DevLoginPage {

    private DevLoginPage() {}

    static String render(AuthorizationRequest request, String tenant, String problem) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Log in to Mandate (quick start)</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/console.css\"></head>")
                .append("<body class=\"login\"><main id=\"main\" class=\"login-card\">")
                .append("<h1>Log in to Mandate</h1>")
                .append("<p class=\"note\">Quick start dev login on the local issuer. In production the console ")
                .append("logs in at your company's identity provider.</p>");
        if (problem != null) {
            html.append("<p class=\"error\" role=\"alert\">")
                    .append(escape(problem))
                    .append("</p>");
        }
        html.append("<form method=\"post\" action=\"authorize\">");
        hidden(html, "response_type", request.responseType());
        hidden(html, "client_id", request.clientId());
        hidden(html, "redirect_uri", request.redirectUri());
        hidden(html, "state", request.state());
        hidden(html, "code_challenge", request.codeChallenge());
        hidden(html, "code_challenge_method", request.codeChallengeMethod());
        html.append("<label for=\"subject\">Who you are</label>")
                .append("<input id=\"subject\" name=\"subject\" required maxlength=\"128\" autocomplete=\"username\"")
                .append(" list=\"people\" value=\"carol.controller@demo.example\">")
                .append("<datalist id=\"people\">")
                .append("<option value=\"carol.controller@demo.example\">finance approver</option>")
                .append("<option value=\"bob.ap-manager@demo.example\">finance approver, sponsors the clerk</option>")
                .append("<option value=\"admin@demo.example\">administrator</option>")
                .append("<option value=\"risk.owner@demo.example\">auditor</option>")
                .append("</datalist>")
                .append("<fieldset><legend>Roles</legend>");
        role(html, "approver", "Approver: decides approvals and escalations", true);
        role(html, "auditor", "Auditor: reads explain, audit, dashboards and reports", true);
        role(html, "admin", "Administrator: configures the tenant, flips kill switches", false);
        html.append("</fieldset>")
                .append("<label for=\"tenant\">Tenant</label>")
                .append("<input id=\"tenant\" name=\"tenant\" required maxlength=\"63\" value=\"")
                .append(escape(tenant == null ? "" : tenant))
                .append("\">")
                .append("<button type=\"submit\">Log in</button></form></main></body></html>");
        return html.toString();
    }

    private static void role(StringBuilder html, String value, String label, boolean checked) {
        html.append("<label class=\"choice\"><input type=\"checkbox\" name=\"role\" value=\"")
                .append(value)
                .append('"')
                .append(checked ? " checked" : "")
                .append("> ")
                .append(escape(label))
                .append("</label>");
    }

    private static void hidden(StringBuilder html, String name, String value) {
        if (value != null) {
            html.append("<input type=\"hidden\" name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(escape(value))
                    .append("\">");
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
