package dev.mandate.api.readiness;

import dev.mandate.readiness.entity.CriterionResult;
import dev.mandate.readiness.entity.WorkflowReadiness;
import java.util.List;

/**
 * The readiness report as one printable HTML page: no script, no external asset (the style is inline), every
 * value escaped. Links are shown as the API paths they are, not followed: a saved copy stays self-contained.
 */
final class ReadinessHtml {

    /** Served with the page: nothing but its own inline style may load or run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}"
            + "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .3em}"
            + ".meta{color:#555;margin:0 0 .6em}table{border-collapse:collapse;width:100%}"
            + "th,td{border:1px solid #bbb;padding:.35em .5em;text-align:left;vertical-align:top}"
            + "th{background:#f0f0f0}.MET{color:#0a5c1f;font-weight:600}.NOT_MET{color:#a00;font-weight:600}"
            + ".ready{color:#0a5c1f}.not-ready{color:#a00}code{font-size:.9em;word-break:break-all}"
            + "section{page-break-inside:avoid}@media print{body{margin:1cm}th{background:none}}";

    private ReadinessHtml() {}

    static String page(String tenant, List<WorkflowReadiness> workflows) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Launch readiness: ")
                .append(escape(workflows.size() == 1 ? workflows.get(0).name() : tenant))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<h1>Launch readiness</h1>\n<p class=\"meta\">Tenant ")
                .append(escape(tenant));
        if (!workflows.isEmpty()) {
            html.append(", evaluated ")
                    .append(escape(workflows.get(0).evaluatedAt().toString()));
        }
        html.append(". A workflow is ready when every criterion is met.</p>\n");
        if (workflows.isEmpty()) {
            html.append("<p>The tenant has no workflows.</p>\n");
        }
        workflows.forEach(workflow -> section(html, workflow));
        return html.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder html, WorkflowReadiness workflow) {
        html.append("<section>\n<h2>")
                .append(escape(workflow.name()))
                .append(" <code>")
                .append(escape(workflow.workflow()))
                .append("</code></h2>\n<p class=\"meta\">")
                .append(
                        workflow.ready()
                                ? "<span class=\"ready\">Ready for launch</span>"
                                : "<span class=\"not-ready\">Not ready: "
                                        + workflow.criteria().stream()
                                                .filter(c -> !c.met())
                                                .count()
                                        + " of " + workflow.criteria().size() + " criteria not met</span>")
                .append("</p>\n<table><thead><tr><th>Criterion</th><th>Status</th><th>Evidence</th>")
                .append("<th>Where to look</th></tr></thead><tbody>\n");
        for (CriterionResult result : workflow.criteria()) {
            html.append("<tr><td>")
                    .append(escape(result.criterion().title()))
                    .append("<br><code>")
                    .append(result.criterion().name())
                    .append("</code></td><td class=\"")
                    .append(result.status())
                    .append("\">")
                    .append(result.met() ? "Met" : "Not met")
                    .append("</td><td>")
                    .append(escape(result.evidence()))
                    .append("</td><td><code>")
                    .append(escape(result.link()))
                    .append("</code></td></tr>\n");
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /** Text as HTML text or attribute value: {@code & < > " '} as character references. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
