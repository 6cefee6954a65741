#!/bin/sh
# One-shot: creates the uploads bucket and routes its object events to the Kafka target that the minio
# container configures through MINIO_NOTIFY_KAFKA_*_UPLINK. Safe to run again.
set -eu
mc alias set uplink "${MINIO_URL}" "${MINIO_ROOT_USER}" "${MINIO_ROOT_PASSWORD}"
mc mb --ignore-existing "uplink/${UPLINK_S3_BUCKET}"
# put = s3:ObjectCreated:*, delete = s3:ObjectRemoved:*
if ! mc event ls "uplink/${UPLINK_S3_BUCKET}" "${MINIO_NOTIFY_ARN}" | grep -q "${MINIO_NOTIFY_ARN}"; then
  mc event add "uplink/${UPLINK_S3_BUCKET}" "${MINIO_NOTIFY_ARN}" --event put,delete
fi
mc event ls "uplink/${UPLINK_S3_BUCKET}"
