/**
 * dagent crypto: the hybrid RSA + AES envelope of OBShell's header format v2, both sides.
 *
 * <p>Server side: {@link io.github.dagent.crypto.AgentKeys} holds the agent's RSA key pair,
 * {@link io.github.dagent.crypto.HeaderVerifier} checks an {@code X-OCS-Agent-Header} or
 * {@code X-OCS-Header} value and decrypts a request body. Client side:
 * {@link io.github.dagent.crypto.RequestSealer} makes the header value and the encrypted body.
 * Every refusal is an {@link io.github.dagent.crypto.AuthException} carrying an
 * {@link io.github.dagent.crypto.AuthFailure}. This package imports nothing else of dagent.
 */
package io.github.dagent.crypto;
