/**
 * The Coact runner: CLI ({@code cli}), plugin manager ({@code plugin}), configuration
 * ({@code config}), dataset streaming ({@code data}), the pipeline ({@code pipeline}), the
 * shared analysis stage ({@code analysis}) and reports ({@code report}).
 */
package org.coact.runner;
