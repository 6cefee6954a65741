-- UUID version 7 (RFC 9562): Unix milliseconds in the first 48 bits, version 7, variant 10, the rest random, so
-- that new rows' keys append to their indexes instead of landing on random pages (see TimeOrderedIds; Postgres 18
-- has uuidv7() built in, 17 does not). Built from gen_random_uuid(): its random bits and variant are kept, the
-- first six bytes are replaced by the time, and the version nibble 4 (0100) becomes 7 (0111) by setting two bits.
create function uuid_v7() returns uuid
    language sql volatile parallel safe
as $$
    select encode(
               set_bit(set_bit(
                   overlay(uuid_send(gen_random_uuid())
                           placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                           from 1 for 6),
                   52, 1), 53, 1),
               'hex')::uuid
$$;
