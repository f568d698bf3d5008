SELECT h.decided_at AS at,
       CAST(h.decided_at - h.submitted_at - h.paused_ms AS DOUBLE PRECISION) / 86400000 AS value
FROM health_applications h
WHERE h.submitted_at IS NOT NULL AND h.decided_at IS NOT NULL
  AND h.status IN ('approved', 'approved_with_conditions', 'refused')
