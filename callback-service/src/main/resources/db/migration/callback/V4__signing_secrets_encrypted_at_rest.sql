-- Signing secrets are stored encrypted by the service (SecretCipher): SQL holds no key, so this migration only
-- records the format. Rows written before it keep their plain whsec_ value until the service's re-encryption pass
-- (on start, then periodically) rewrites them; the service reads both forms.
comment on column endpoints.secret is
    'v1:<key id>:<base64 of nonce|ciphertext|tag>, AES-256-GCM bound to the endpoint id and column; plain whsec_ only before the re-encryption pass';
comment on column endpoints.previous_secret is
    'as secret: v1:<key id>:<base64 of nonce|ciphertext|tag>, bound to the endpoint id and this column';
