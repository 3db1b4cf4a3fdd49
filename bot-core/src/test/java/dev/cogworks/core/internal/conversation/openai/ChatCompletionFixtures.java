package dev.cogworks.core.internal.conversation.openai;

/**
 * What model servers send, written after the published shapes (none of them fetched files; the
 * sources were read, and are named at each fixture):
 *
 * <ul>
 *   <li>OpenAI's API reference, github.com/openai/openai-openapi {@code openapi.yaml}:
 *       createChatCompletion's "Default" and "Streaming" response examples, the schemas
 *       CreateChatCompletionStreamResponse, ChatCompletionStreamResponseDelta,
 *       ChatCompletionResponseMessage (with {@code refusal}) and ErrorResponse/Error, and the
 *       {@code stream} parameter ("data-only server-sent events ... terminated by a {@code data:
 *       [DONE]} message").
 *   <li>Ollama's OpenAI layer, github.com/ollama/ollama {@code openai/openai.go}
 *       (ChatCompletionChunk, Delta with omitempty fields, FinishChunk, NewError) and {@code
 *       middleware/openai.go} (ChatWriter: {@code data: <json>\n\n} frames, then {@code data:
 *       [DONE]\n\n}).
 *   <li>vLLM, github.com/vllm-project/vllm {@code vllm/entrypoints/openai/engine/protocol.py}
 *       (ErrorResponse {error: {message, type, param, code}} with an integer code) and the chat
 *       stream generator, which on a failure mid-stream writes {@code data: {"error": ...}} and
 *       then {@code data: [DONE]}.
 * </ul>
 */
final class ChatCompletionFixtures {
  private ChatCompletionFixtures() {}

  /** One server-sent event as every server above frames it. */
  static String event(String json) {
    return "data: " + json + "\n\n";
  }

  static final String DONE = "data: [DONE]\n\n";

  // OpenAI reference, createChatCompletion "Streaming" example: the first chunk carries only the
  // role (and an empty content), then content deltas, then an empty delta with finish_reason.
  static final String OPENAI_ROLE_CHUNK =
      """
      {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\
      """;

  static String openAiContentChunk(String content) {
    return """
    {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":%s},"logprobs":null,"finish_reason":null}]}\
    """
        .formatted(Json.MAPPER.valueToTree(content).toString());
  }

  static String openAiFinishChunk(String reason) {
    return """
    {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"%s"}]}\
    """
        .formatted(reason);
  }

  // ChatCompletionStreamResponseDelta's `refusal` (string or null): the model declines piece by
  // piece instead of writing content.
  static String openAiRefusalChunk(String refusal) {
    return """
    {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":null,"refusal":%s},"logprobs":null,"finish_reason":null}]}\
    """
        .formatted(Json.MAPPER.valueToTree(refusal).toString());
  }

  // The usage chunk of stream_options.include_usage: "choices" empty (CreateChatCompletionStream
  // Response: "Can also be empty for the last chunk"). Ollama's ChatWriter sends it the same way.
  static final String OPENAI_USAGE_CHUNK =
      """
      {"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}\
      """;

  // Ollama's layer: a thinking model's first chunk has the role and `reasoning` but no content
  // (Delta's omitempty), content chunks follow, FinishChunk has an empty delta and
  // system_fingerprint "fp_ollama".
  static final String OLLAMA_REASONING_CHUNK =
      """
      {"id":"chatcmpl-398","object":"chat.completion.chunk","created":1732000000,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"The user greets me."},"finish_reason":null}]}\
      """;

  static String ollamaContentChunk(String content) {
    return """
    {"id":"chatcmpl-398","object":"chat.completion.chunk","created":1732000000,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"content":%s},"finish_reason":null}]}\
    """
        .formatted(Json.MAPPER.valueToTree(content).toString());
  }

  static final String OLLAMA_FINISH_CHUNK =
      """
      {"id":"chatcmpl-398","object":"chat.completion.chunk","created":1732000000,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\
      """;

  // OpenAI reference, createChatCompletion "Default" example (the chat completion object), with
  // its content replaced.
  static String openAiCompletion(String content, String finishReason) {
    return """
    {
      "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
      "object": "chat.completion",
      "created": 1741569952,
      "model": "gpt-5.4",
      "choices": [
        {
          "index": 0,
          "message": {
            "role": "assistant",
            "content": %s,
            "refusal": null,
            "annotations": []
          },
          "logprobs": null,
          "finish_reason": "%s"
        }
      ],
      "usage": {
        "prompt_tokens": 19,
        "completion_tokens": 10,
        "total_tokens": 29,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
          "reasoning_tokens": 0,
          "audio_tokens": 0,
          "accepted_prediction_tokens": 0,
          "rejected_prediction_tokens": 0
        }
      },
      "service_tier": "default"
    }
    """
        .formatted(Json.MAPPER.valueToTree(content).toString(), finishReason);
  }

  // ChatCompletionResponseMessage with `refusal` set and `content` null.
  static final String OPENAI_REFUSAL_COMPLETION =
      """
      {"id":"chatcmpl-9","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I'm sorry, I can't help with that.","annotations":[]},"logprobs":null,"finish_reason":"stop"}]}\
      """;

  // ErrorResponse {"error": Error}; Error requires message, type, param (string or null) and code
  // (string or null). The messages are written in OpenAI's style.
  static String openAiError(String message, String type, String code) {
    return """
    {"error":{"message":%s,"type":"%s","param":null,"code":%s}}\
    """
        .formatted(
            Json.MAPPER.valueToTree(message).toString(),
            type,
            code == null ? "null" : "\"" + code + "\"");
  }

  // Ollama's NewError for a 404: type not_found_error, param and code null, and the server's
  // message from server/routes.go ("model %q not found, try pulling it first").
  static final String OLLAMA_MODEL_NOT_FOUND =
      """
      {"error":{"message":"model \\"llama3.2\\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}\
      """;

  // vLLM's streaming error response: {"error": ErrorInfo} with an integer code, then [DONE].
  static final String VLLM_STREAM_ERROR =
      """
      {"error": {"message": "Internal server error", "type": "InternalServerError", "param": null, "code": 500}}\
      """;
}
