/** The task DTOs and the response envelope, shaped exactly as OBShell clients read them. */
package io.github.dagent.model.dto;
