# Interop driver for the real ruby-jwt (Debian's ruby-jwt, gem jwt 2.5.0) on the
# system ruby. See interop/README.md for the protocol.
#   ruby driver.rb sign   < cases.jsonl  > tokens.jsonl
#   ruby driver.rb verify < tokens.jsonl > results.jsonl
#   ruby driver.rb version
require 'json'
require 'jwt'
require 'stringio'

# Runs a block with $stderr captured, so anything the library warns about ends up
# in the case's output line instead of on the terminal.
def with_captured_stderr
  saved = $stderr
  $stderr = StringIO.new
  value = yield
  [value, $stderr.string]
ensure
  $stderr = saved
end

def sign(c)
  # JSON.parse gives what a Ruby caller has: Hash in insertion order, Integer for
  # integer literals, Float for literals with '.', 'e' or 'E'.
  payload = JSON.parse(c['claims'])
  token, warned = with_captured_stderr { JWT.encode(payload, c['secret'], c['alg']) }
  result = { 'token' => token }
  result['warning'] = warned.strip unless warned.strip.empty?
  result
end

def verify(c)
  # ruby-jwt leaves iat unchecked by default and exp is in 2100, so the real clock
  # gives the same answer as the fixed INTEROP_NOW the other drivers use.
  JWT.decode(c['token'], c['secret'], true, { algorithm: c['alg'] })
  { 'ok' => true }
end

mode = ARGV[0]
if mode == 'version'
  puts "ruby-jwt #{JWT::VERSION::STRING} (ruby #{RUBY_VERSION}p#{RUBY_PATCHLEVEL}, json #{JSON::VERSION})"
  exit 0
end
abort 'usage: driver.rb sign|verify|version' unless %w[sign verify].include?(mode)

out = []
$stdin.binmode.read.split("\n").each do |line|
  next if line.strip.empty?

  c = {}
  begin
    c = JSON.parse(line)
    result = mode == 'sign' ? sign(c) : verify(c)
  rescue StandardError => e # one bad case must not stop the batch
    msg = "#{e.class}: #{e.message}"
    result = mode == 'sign' ? { 'refused' => msg } : { 'ok' => false, 'error' => msg }
  end
  # ascii_only keeps each output line free of raw U+2028 and friends.
  out << JSON.generate({ 'name' => c['name'] }.merge(result), ascii_only: true)
end
$stdout.write(out.map { |l| "#{l}\n" }.join)
