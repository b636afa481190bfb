#!/bin/sh
# Makes the known-answer vectors of this directory with OpenSSL 3 (run once; outputs are checked in).
set -eu
K128=000102030405060708090a0b0c0d0e0f
K256=$K128$K128
IV=f0e0d0c0b0a090807060504030201000
hex2b64() { printf '%s' "$1" | xxd -r -p | base64 -w0; }

# Keys: a 1024-bit PKCS#1 key as older agents kept them, a 2048-bit PKCS#8 key.
openssl genrsa -traditional -out rsa1024-pkcs1.pem 1024
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048-pkcs8.pem
for k in rsa1024-pkcs1 rsa2048-pkcs8; do
  openssl rsa -in $k.pem -pubout -out $k.pub.pem
  openssl rsa -in $k.pem -RSAPublicKey_out -outform DER | base64 -w0 > $k.pub.b64
done

# Header documents (lower-case names, AES-128; mixed-case names + unknown field, AES-256).
printf '{"auth":"kat-password","ts":"1700000060","uri":"/api/v1/task/dag/11?detail=true","keys":"%s"}' \
  "$(hex2b64 $K128$IV)" > header-aes128.json
printf '{"Auth":"kat-password","TS":"1700000060","Uri":"/api/v1/task/dag/11?detail=true","KEYS":"%s","extra":1}' \
  "$(hex2b64 $K256$IV)" > header-aes256.json

# encrypt_header KEY CHUNK DOC OUT: PKCS#1 v1.5 per chunk, blocks concatenated, base64.
encrypt_header() {
  rm -rf chunks && mkdir chunks
  split -b "$2" -d -a 3 "$3" chunks/c
  for c in chunks/c*; do
    openssl pkeyutl -encrypt -pubin -inkey "$1.pub.pem" -pkeyopt rsa_padding_mode:pkcs1 -in "$c"
  done | base64 -w0 > "$4"
  rm -rf chunks
}
encrypt_header rsa1024-pkcs1 53 header-aes128.json header-rsa1024-chunk53.b64
encrypt_header rsa1024-pkcs1 117 header-aes256.json header-rsa1024-chunk117.b64
encrypt_header rsa2048-pkcs8 53 header-aes256.json header-rsa2048-chunk53.b64
encrypt_header rsa2048-pkcs8 245 header-aes128.json header-rsa2048-chunk245.b64

# Bodies: AES-CBC with PKCS#7 padding under the documents' keys.
printf '{"operator":"RETRY","note":"known answer"}' > body.json
openssl enc -aes-128-cbc -K $K128 -iv $IV -in body.json | base64 -w0 > body-aes128.b64
openssl enc -aes-256-cbc -K $K256 -iv $IV -in body.json | base64 -w0 > body-aes256.b64
