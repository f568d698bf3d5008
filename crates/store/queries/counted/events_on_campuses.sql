SELECT e.starts_at AS at
FROM events e
WHERE e.ends_at <= $1
  AND (
    e.place LIKE 'campus:%'
    OR e.place IN (
      SELECT 'meeting-place:' || m.slug FROM meeting_places m WHERE m.campus_id IS NOT NULL
    )
  )
