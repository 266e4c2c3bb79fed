package dev.mandate.jobs.eval.control;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records: fields separated by commas, optionally in double quotes (a quote inside doubled), a
 * quoted field may span lines; CRLF or LF line ends. Each record remembers the line it starts on.
 */
final class CsvRecords {

    record Record(int line, List<String> fields) {}

    static final class MalformedCsvException extends Exception {
        final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private CsvRecords() {}

    static List<Record> parse(String text) throws MalformedCsvException {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    records.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                recordLine = line;
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                throw new MalformedCsvException(line, "text after a closing quote; a quote inside a field is doubled");
            } else if (c == '"') {
                throw new MalformedCsvException(line, "a quote inside an unquoted field; quote the whole field");
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new MalformedCsvException(recordLine, "a quoted field is not closed");
        }
        fields.add(field.toString());
        if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
