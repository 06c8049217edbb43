/**
 * The API that reloadable business code uses: the only hotswap package that is shared with
 * generation code (loaded parent-first), so its types may cross the reload boundary.
 */
package io.hotswap.api;
