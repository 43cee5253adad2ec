package org.coact.runner.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ids by which enum-valued settings appear in configuration files and reports: the
 * constant's name in lower case with {@code _} as {@code -} ({@code FREQUENCY} is
 * {@code frequency}).
 */
public final class SettingIds {

    private SettingIds() {
    }

    /** @param constant an enum constant @return its id */
    public static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type the enum
     * @param id an id as a user typed it
     * @param <E> the enum type
     * @return the constant with that id
     * @throws IllegalArgumentException naming the value and the allowed ids
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("is '" + id + "'; allowed: " + allowed(type));
    }

    /** @param type the enum @return its ids, comma-separated, in declaration order */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(SettingIds::id).collect(Collectors.joining(", "));
    }
}
