/**
 * Coact's public API: the checked exception family shared by every extension, and the
 * value types that cross the plugin boundary. Subpackages hold the two extension points:
 * {@link org.coact.api.format} (model formats) and {@link org.coact.api.community}
 * (community algorithms). This module depends on nothing but the JDK and pf4j's
 * {@code ExtensionPoint} marker, so a third party can write a plugin against it alone.
 */
package org.coact.api;
