package uk.nhs.gp2gp.database;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Small sets of codes (roles, ODS codes) kept in one column, sorted so the column is stable. */
@Converter
public class CommaSeparatedSetConverter implements AttributeConverter<Set<String>, String> {

    @Override
    public String convertToDatabaseColumn(Set<String> values) {
        return values == null ? "" : new TreeSet<>(values).stream().collect(Collectors.joining(","));
    }

    @Override
    public Set<String> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return Collections.emptySet();
        }
        TreeSet<String> values = new TreeSet<>();
        for (String value : column.split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return Collections.unmodifiableSortedSet(values);
    }
}
