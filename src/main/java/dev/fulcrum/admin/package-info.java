/** The admin endpoint: health views, metrics and APIs on {@code admin.listen}, one class per resource. */
package dev.fulcrum.admin;
