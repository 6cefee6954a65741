#!/bin/sh
# One-shot: creates the uploads bucket, routes its object events to the Kafka target that the minio container
# configures through MINIO_NOTIFY_KAFKA_*_UPLINK, and creates the services' user with a policy limited to that
# bucket (service-policy.json), so the root credentials stay with MinIO and this job. Safe to run again.
set -eu
mc alias set uplink "${MINIO_URL}" "${MINIO_ROOT_USER}" "${MINIO_ROOT_PASSWORD}"
mc mb --ignore-existing "uplink/${UPLINK_S3_BUCKET}"
# put = s3:ObjectCreated:*, delete = s3:ObjectRemoved:*
if ! mc event ls "uplink/${UPLINK_S3_BUCKET}" "${MINIO_NOTIFY_ARN}" | grep -q "${MINIO_NOTIFY_ARN}"; then
  mc event add "uplink/${UPLINK_S3_BUCKET}" "${MINIO_NOTIFY_ARN}" --event put,delete
fi
mc event ls "uplink/${UPLINK_S3_BUCKET}"

# Presigning needs only the bucket's object actions; adding an existing user sets its secret again.
mc admin policy create uplink "${UPLINK_S3_POLICY}" /uplink/service-policy.json
mc admin user add uplink "${UPLINK_S3_ACCESS_KEY}" "${UPLINK_S3_SECRET_KEY}"
if ! mc admin user info uplink "${UPLINK_S3_ACCESS_KEY}" | grep -q "${UPLINK_S3_POLICY}"; then
  mc admin policy attach uplink "${UPLINK_S3_POLICY}" --user "${UPLINK_S3_ACCESS_KEY}"
fi
