SELECT h.decided_at AS at
FROM health_applications h
WHERE h.decided_at IS NOT NULL
  AND h.status IN ('approved', 'approved_with_conditions')
