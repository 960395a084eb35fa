-- wrk script: OFREP evaluation with a different unit on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sdk-demo-production"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"context":{"targetingKey":"user-%d","country":"NL","beta":%s}}', counter, counter % 7 == 0 and "true" or "false")
  return wrk.format(nil, nil, nil, body)
end
-- No response callback: it would make wrk parse every body; wrk reports non-2xx answers itself.
