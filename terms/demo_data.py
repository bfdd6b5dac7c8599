"""Demo content for the AI glossary.

A pure-data module used to seed a development or demo database. ``CATEGORIES`` lists the
glossary's sections and ``TERMS`` lists the entries. Markdown fields may contain wiki links
of the form ``[[Title]]``, ``[[Alias]]`` or ``[[slug|label]]``; every target resolves to a
title, alias or slug defined in ``TERMS``.
"""

CATEGORIES = [
    {
        "name": "Foundations",
        "slug": "foundations",
        "description": (
            "The core ideas of machine learning that everything else builds on. "
            "Start here if you are new to how AI systems learn from data."
        ),
    },
    {
        "name": "Models & Architectures",
        "slug": "models-architectures",
        "description": (
            "The kinds of models in use today and the designs inside them. "
            "These terms explain what a model is made of and why it behaves as it does."
        ),
    },
    {
        "name": "Training & Data",
        "slug": "training-data",
        "description": (
            "How models are built, adapted and measured. "
            "Covers the data they learn from and the stages that shape their behavior."
        ),
    },
    {
        "name": "Using AI",
        "slug": "using-ai",
        "description": (
            "Techniques and patterns for getting useful work out of AI models. "
            "Aimed at people writing prompts or building applications."
        ),
    },
    {
        "name": "Deployment & Operations",
        "slug": "deployment-operations",
        "description": (
            "What it takes to run models reliably and affordably. "
            "Covers hardware, serving and the engineering that keeps costs in check."
        ),
    },
    {
        "name": "Safety & Governance",
        "slug": "safety-governance",
        "description": (
            "How AI systems fail, and the practices used to test, constrain and document them. "
            "Relevant to anyone responsible for deploying AI."
        ),
    },
    {
        "name": "Business & Strategy",
        "slug": "business-strategy",
        "description": (
            "The commercial and legal choices around AI models. "
            "Covers openness, licensing and what they mean for organizations."
        ),
    },
]

TERMS = [
    # ------------------------------------------------------------------ Foundations
    {
        "title": "Machine learning",
        "slug": "machine-learning",
        "category": "foundations",
        "summary": (
            "A branch of AI in which systems learn patterns from data instead of following "
            "rules written by hand."
        ),
        "definition": (
            "**Machine learning** is the practice of building systems that improve at a task "
            "by learning from examples rather than being explicitly programmed. Instead of "
            "writing rules for spotting a fraudulent transaction, an engineer supplies many "
            "labeled transactions and lets an algorithm find the patterns that distinguish "
            "fraud from legitimate activity.\n\n"
            "The field has three classic styles. In *supervised* learning, the model learns "
            "from examples paired with correct answers. In *unsupervised* learning, it finds "
            "structure in unlabeled data. In *reinforcement* learning, it learns by trial and "
            "error from rewards. [[Deep learning]] is a subset of machine learning that uses "
            "large neural networks."
        ),
        "why_it_matters": (
            "Machine learning is the foundation beneath nearly all modern AI, from "
            "recommendation feeds and spam filters to "
            "[[large-language-model|large language models]]. Its core lesson is that a "
            "system's quality depends heavily on the quality and relevance of its "
            "[[training data]], and that models learn what the data shows, including its gaps "
            "and biases."
        ),
        "in_practice": (
            "- Banks use it to score credit risk and flag suspicious payments.\n"
            "- Streaming and shopping services use it to recommend content and products.\n"
            "- Email providers use it to filter spam.\n"
            "- Hospitals and researchers use it to help read medical images.\n\n"
            "Each application follows the same cycle: gather data, train a model, measure it "
            "on examples it has not seen, then deploy it and monitor how it performs."
        ),
        "tags": ["foundations", "training"],
        "aliases": ["ML"],
        "related": ["deep-learning", "neural-network", "training-data", "overfitting"],
    },
    {
        "title": "Deep learning",
        "slug": "deep-learning",
        "category": "foundations",
        "summary": (
            "Machine learning using neural networks with many layers, which learn "
            "increasingly abstract features directly from raw data."
        ),
        "definition": (
            "**Deep learning** is a form of [[machine learning]] that uses "
            "[[neural-network|neural networks]] with many stacked layers; the *deep* refers to "
            "this depth. Each layer transforms its input slightly, and together the layers "
            "learn a hierarchy of features. In an image model, early layers may respond to "
            "edges and textures while later layers respond to shapes and whole objects.\n\n"
            "Unlike older approaches, deep learning needs little hand-engineering of features. "
            "Given enough data and computation, the network discovers useful representations "
            "on its own through training with [[gradient descent]]."
        ),
        "why_it_matters": (
            "Deep learning is responsible for most of the large leaps in AI capability since "
            "the early 2010s, in speech recognition, image understanding, translation and "
            "language generation. Its success rests on three ingredients: large datasets, "
            "powerful parallel hardware, and architectures that keep improving as they "
            "grow.\n\n"
            "Its main weaknesses are opacity, since it is hard to explain why a network made a "
            "given decision, and a heavy appetite for data and compute."
        ),
        "in_practice": (
            "Face unlock on phones, automatic captions on video, real-time translation and "
            "[[large-language-model|large language model]] chat assistants all rely on deep "
            "learning. Practitioners typically build on open frameworks such as PyTorch or JAX "
            "and, rather than training from scratch, start from a model someone else has "
            "already trained and adapt it to their own data and task."
        ),
        "tags": ["foundations", "architecture"],
        "aliases": [],
        "related": ["machine-learning", "neural-network", "gradient-descent", "transformer"],
    },
    {
        "title": "Neural network",
        "slug": "neural-network",
        "category": "foundations",
        "summary": (
            "A computing system made of layers of simple interconnected units whose "
            "connection strengths are adjusted during training to map inputs to outputs."
        ),
        "definition": (
            "A **neural network** is a mathematical model loosely inspired by the brain. It "
            "consists of units, often called neurons, arranged in layers. Each unit takes "
            "numbers from the previous layer, multiplies them by learned [[weights]], adds "
            "them up and passes the result through a simple nonlinear function. Stacking many "
            "such layers lets the network represent very complex relationships.\n\n"
            "Training adjusts the weights so that the network's outputs move closer to the "
            "desired answers, typically using [[gradient descent]] together with a technique "
            "called backpropagation that works out how each weight should change. The "
            "resemblance to biological neurons is mostly metaphorical."
        ),
        "why_it_matters": (
            "Neural networks are the building block of [[deep learning]] and of nearly every "
            "prominent AI system, including [[large-language-model|language models]], image "
            "generators and speech recognizers. Seeing a network as, at bottom, a large "
            "collection of adjustable numbers helps demystify AI: its knowledge lives in those "
            "numbers, not in a database of facts or a list of rules."
        ),
        "in_practice": (
            "Different network designs suit different data. *Convolutional* networks long "
            "dominated image tasks; *recurrent* networks processed sequences such as speech; "
            "Transformers now handle language and much else besides. A network that spots "
            "defects on a production line might be small enough to run on the camera itself, "
            "while a general-purpose language model may need a cluster of data-center "
            "processors to serve its users."
        ),
        "tags": ["foundations", "architecture"],
        "aliases": ["Artificial neural network", "Neural net"],
        "related": ["weights", "parameters", "deep-learning", "gradient-descent"],
    },
    {
        "title": "Weights",
        "slug": "weights",
        "category": "foundations",
        "summary": (
            "The learned numerical values inside a neural network that determine how it "
            "turns inputs into outputs; together they make up the trained model."
        ),
        "definition": (
            "**Weights** are the numbers a [[neural network]] learns during training. Each "
            "one sets the strength of a connection between units, and together they encode "
            "everything the model has picked up from its data. Before training they start as "
            "random values; training nudges them, step by step, toward values that produce "
            "good outputs.\n\n"
            "In everyday usage, *the weights* means the whole trained model in file form: a "
            "large set of numbers, often many gigabytes, that software can load to run the "
            "model. Weights are the main kind of [[parameters|parameter]], and the two terms "
            "are often used interchangeably."
        ),
        "why_it_matters": (
            "Whoever holds a model's weights can run it, copy it, modify it and strip out its "
            "safeguards. That makes the weights the most valuable and sensitive artifact a "
            "developer produces, the distilled result of costly training runs.\n\n"
            "Decisions about releasing weights sit at the center of debates about "
            "[[open weight]] versus closed models, and protecting unreleased weights from "
            "theft is treated as a security priority by developers and governments alike."
        ),
        "in_practice": (
            "Weights are distributed as files in formats such as `safetensors` or GGUF, "
            "commonly hosted on model hubs. Their size depends on the number of parameters and "
            "the numeric precision used to store each one; [[quantization]] stores each weight "
            "in fewer bits so a model fits on smaller hardware. Fine-tuning produces a new set "
            "of weights, or a small add-on set, derived from the originals, which is why one "
            "base model can spawn many variants."
        ),
        "tags": ["foundations", "open source"],
        "aliases": ["Model weights"],
        "related": ["parameters", "neural-network", "open-weight", "quantization"],
    },
    {
        "title": "Parameters",
        "slug": "parameters",
        "category": "foundations",
        "summary": (
            "The internal values a model learns during training; a model's parameter count is "
            "a rough measure of its size and capacity."
        ),
        "definition": (
            "**Parameters** are the adjustable values inside a model that training sets. In a "
            "neural network they are chiefly the [[weights]] on connections between units, "
            "plus *biases*, small offsets added at each unit. A model described as having "
            "seven billion parameters contains seven billion such learned numbers.\n\n"
            "Parameters should not be confused with *hyperparameters*, which are settings "
            "engineers choose before training, such as the learning rate or the number of "
            "layers. Nor should they be confused with generation settings such as "
            "[[temperature]], which affect how a finished model produces output but are not "
            "learned."
        ),
        "why_it_matters": (
            "Parameter count is the most quoted figure about a model because it correlates "
            "loosely with capability and directly with cost. More parameters mean more memory "
            "to store the model and more computation to run it.\n\n"
            "It is an imperfect guide to quality: training data, training duration and "
            "architecture matter as much, and a well-trained smaller model can outperform a "
            "larger one. [[Mixture of experts]] designs complicate the picture further by "
            "activating only some of their parameters at a time."
        ),
        "in_practice": (
            "A useful rule of thumb: storing a model at 16-bit precision takes two bytes per "
            "parameter, so a seven-billion-parameter model needs roughly 14 gigabytes of "
            "memory for its weights alone, before the working memory used during "
            "[[inference]]. This arithmetic explains why teams pick smaller models or compress "
            "them to fit a hardware budget, and why many open releases carry the size in their "
            "names, as in suffixes like *7B* or *70B*."
        ),
        "tags": ["foundations", "architecture"],
        "aliases": ["Model parameters", "Parameter count"],
        "related": ["weights", "neural-network", "quantization", "mixture-of-experts"],
    },
    {
        "title": "Gradient descent",
        "slug": "gradient-descent",
        "category": "foundations",
        "summary": (
            "The optimization method used to train most neural networks, which repeatedly "
            "nudges parameters in the direction that most reduces error."
        ),
        "definition": (
            "**Gradient descent** is the procedure that does the learning in most machine "
            "learning. Training defines a *loss*, a single number measuring how wrong the "
            "model's outputs are. The gradient indicates, for every parameter, which direction "
            "of change would increase the loss; gradient descent moves each parameter a small "
            "step the opposite way, then repeats.\n\n"
            "A common image is a hiker descending a foggy hillside by always stepping downhill. "
            "The size of each step is set by the *learning rate*. In practice, models use "
            "*stochastic* gradient descent, which estimates the gradient from small random "
            "batches of data, along with refinements such as the Adam optimizer. The gradients "
            "themselves are computed by backpropagation."
        ),
        "why_it_matters": (
            "Every capability of a trained [[neural network]] is the accumulated result of an "
            "enormous number of small gradient steps. Choices about learning rate, batch size "
            "and optimizer can decide whether training produces a useful model, stalls or "
            "collapses, and tuning them absorbs a large share of the engineering effort in "
            "[[pre-training]] a model."
        ),
        "in_practice": (
            "Engineers watch the loss curve throughout training. A steadily falling line is "
            "healthy; a sudden spike can signal instability; and a training loss that keeps "
            "falling while the loss on held-out data rises is a sign of [[overfitting]]. "
            "Frameworks such as PyTorch compute gradients automatically, so practitioners "
            "spend their time on settings like the learning-rate schedule rather than on "
            "writing the calculus by hand."
        ),
        "tags": ["foundations", "training"],
        "aliases": ["Stochastic gradient descent", "SGD"],
        "related": ["neural-network", "overfitting", "pre-training", "parameters"],
    },
    {
        "title": "Overfitting",
        "slug": "overfitting",
        "category": "foundations",
        "summary": (
            "When a model learns its training data too closely, including its noise and "
            "quirks, and so performs poorly on new data."
        ),
        "definition": (
            "A model is **overfitting** when it performs well on the examples it was trained "
            "on but poorly on new ones. Rather than learning general patterns, it has "
            "effectively memorized specifics of its [[training data]], including random noise "
            "and coincidences that do not hold in the wider world.\n\n"
            "The opposite problem, *underfitting*, occurs when a model is too simple or too "
            "briefly trained to capture the real patterns. Good training aims between the two. "
            "Overfitting is detected by holding back data the model never trains on and "
            "checking performance there: a widening gap between training results and "
            "held-out results is the classic warning sign."
        ),
        "why_it_matters": (
            "The point of a model is to handle cases it has not seen. An overfit model can "
            "look excellent in development and then fail in production, which makes "
            "overfitting one of the most common causes of disappointing AI projects.\n\n"
            "A related concern affects [[benchmark|benchmarks]]: if test questions leak into "
            "training data, a model can score well by recall rather than skill, a problem "
            "known as contamination."
        ),
        "in_practice": (
            "Practitioners counter overfitting with:\n\n"
            "- more, and more varied, training data;\n"
            "- *regularization* techniques such as dropout and weight decay;\n"
            "- *early stopping*, which halts training when held-out results stop improving;\n"
            "- strict separation of training, validation and test sets.\n\n"
            "When [[fine-tuning]] a large model on a small dataset, overfitting can show up as "
            "a model that parrots its training examples."
        ),
        "tags": ["training", "evaluation"],
        "aliases": ["Overfit"],
        "related": ["training-data", "benchmark", "gradient-descent", "fine-tuning"],
    },
    {
        "title": "Embeddings",
        "slug": "embeddings",
        "category": "foundations",
        "summary": (
            "Lists of numbers that represent words, documents, images or other items so that "
            "similar meanings end up close together in a mathematical space."
        ),
        "definition": (
            "An **embedding** is a vector, a list of numbers, that represents a piece of "
            "content in a way that captures its meaning. A model trained to produce "
            "embeddings places related items near each other: the embeddings for *car* and "
            "*automobile* will be close, while *car* and *banana* will be far apart. Distance "
            "between vectors, often measured with cosine similarity, becomes a stand-in for "
            "similarity of meaning.\n\n"
            "Embeddings exist inside every language model, where each [[token]] is first "
            "converted into a vector. Dedicated embedding models also turn whole sentences, "
            "documents or images into single vectors for search and comparison."
        ),
        "why_it_matters": (
            "Embeddings let software compare things by meaning rather than by exact wording. "
            "A search for *how to reset my password* can find a help article titled "
            "*Recovering account access* even though the two share no keywords.\n\n"
            "That ability makes embeddings the backbone of semantic search, recommendation, "
            "clustering and [[retrieval-augmented generation]]."
        ),
        "in_practice": (
            "A typical pipeline splits documents into chunks, runs each chunk through an "
            "embedding model and stores the resulting vectors in a [[vector database]]. At "
            "query time, the question is embedded the same way and the closest chunks are "
            "retrieved. Teams choose embedding models by weighing retrieval quality, vector "
            "size, language coverage and cost, and they must re-embed their content if they "
            "switch models, because vectors from different models are not compatible."
        ),
        "tags": ["data", "search", "architecture"],
        "aliases": ["Embedding", "Vector embedding"],
        "related": ["vector-database", "retrieval-augmented-generation", "tokenization"],
    },
    {
        "title": "Generative AI",
        "slug": "generative-ai",
        "category": "foundations",
        "summary": (
            "AI systems that produce new content, such as text, images, code, audio or video, "
            "rather than only classifying or scoring existing data."
        ),
        "definition": (
            "**Generative AI** describes models that create new content resembling the data "
            "they were trained on. Given a prompt, a generative model can write an essay, "
            "draft code, compose music or render an image. This contrasts with "
            "*discriminative* models, which assign labels or scores to inputs, such as "
            "flagging spam or estimating house prices.\n\n"
            "Prominent generative systems rest on two families of technique: "
            "[[large-language-model|large language models]], which produce text and code one "
            "token at a time, and [[diffusion-model|diffusion models]], which produce images "
            "and other media by progressively refining noise. Both are forms of "
            "[[deep learning]]."
        ),
        "why_it_matters": (
            "Generative AI moved AI out of the back office and into tools people use directly "
            "for writing, research, design and programming. Its output can be strikingly "
            "fluent, which makes it useful and also makes its errors harder to spot.\n\n"
            "It raises distinctive questions about authorship, copyright, misinformation and "
            "the economic value of creative work, questions that courts, regulators and "
            "industries are still working through."
        ),
        "in_practice": (
            "Common uses include drafting emails and reports, summarizing meetings, producing "
            "marketing images, writing and reviewing code, generating synthetic voices for "
            "narration and sketching first drafts of designs. In each case, careful teams "
            "treat output as a draft to be checked, especially for factual claims, because "
            "generative models can produce confident but incorrect content, a failure known as "
            "[[hallucination]]."
        ),
        "tags": ["generative ai", "llm"],
        "aliases": ["GenAI"],
        "related": ["large-language-model", "diffusion-model", "foundation-model", "hallucination"],
    },
    {
        "title": "Artificial intelligence",
        "slug": "artificial-intelligence",
        "category": "foundations",
        "summary": (
            "The field of building computer systems that do tasks we associate with human "
            "thinking, such as understanding language, recognising images or making decisions."
        ),
        "definition": (
            "**Artificial intelligence** is the broad field of making computers perform tasks "
            "that would otherwise need human judgement: reading and writing text "
            "([[natural-language-processing|natural language processing]]), recognising "
            "what is in a picture, translating speech, planning a route or spotting fraud.\n\n"
            "Most AI in use today is built with [[machine learning]]: instead of following "
            "rules a programmer wrote down, a system learns patterns from examples. "
            "[[Deep learning]] and the [[large-language-model|large language models]] behind "
            "[[chatbot|chat assistants]] are the latest, and most visible, branch of that "
            "approach. The "
            "term also covers older techniques such as search, logic and expert systems."
        ),
        "why_it_matters": (
            '"AI" is used for everything from a spam filter to a system that writes code, '
            "so the label alone says little. Asking which technique a product uses, what it "
            "was trained on and how it was tested tells you far more about what it can do and "
            "where it fails.\n\n"
            "The word also carries expectations. Systems that sound fluent can still "
            "[[hallucination|make things up]], and narrow systems that excel at one task can "
            "fail badly just outside it."
        ),
        "in_practice": (
            "- Recommendations on shopping and streaming sites.\n"
            "- Chat assistants and writing tools built on language models.\n"
            "- Image recognition in phones, cars and medical scans.\n"
            "- Forecasting demand, detecting fraud and routing deliveries.\n\n"
            'When a vendor says a product "uses AI", the useful follow-up questions are '
            "what the model does, how it is evaluated and what happens when it is wrong."
        ),
        "tags": ["foundations"],
        "aliases": ["AI"],
        "related": [
            "machine-learning",
            "deep-learning",
            "generative-ai",
            "artificial-general-intelligence",
        ],
    },
    {
        "title": "Artificial general intelligence",
        "slug": "artificial-general-intelligence",
        "category": "foundations",
        "summary": (
            "A hypothetical AI system able to learn and perform almost any intellectual task a "
            "person can, rather than excelling only at the tasks it was built for."
        ),
        "definition": (
            "**Artificial general intelligence**, usually shortened to AGI, describes an AI "
            "system with broad, flexible ability: one that could learn a new subject, reason "
            "about unfamiliar problems and carry skills from one domain to another roughly as "
            "well as a capable person.\n\n"
            "There is no agreed test for it, and definitions differ: some focus on doing most "
            "economically valuable work, others on learning efficiently from little data. "
            "Today's [[foundation-model|foundation models]] and "
            "[[reasoning-model|reasoning models]] are far more general than earlier systems, "
            "but whether they are on a path to AGI is debated."
        ),
        "why_it_matters": (
            "AGI is the stated goal of several leading AI labs, and it shapes how they raise "
            "money, hire and talk about risk. Claims that AGI is near or far move policy "
            "debates and investment.\n\n"
            "Because the term has no fixed meaning, it is worth asking what a speaker means by "
            "it before weighing a prediction. Concerns about [[alignment]] are sharpest for "
            "systems this capable."
        ),
        "in_practice": (
            "No system today is generally accepted as AGI. In practice the term appears in "
            "company mission statements, research roadmaps and safety policies, which often "
            "tie extra testing, such as [[red teaming]], to capability thresholds on the way."
        ),
        "tags": ["foundations", "safety"],
        "aliases": ["AGI", "General AI", "Strong AI"],
        "related": [
            "artificial-intelligence",
            "alignment",
            "foundation-model",
            "large-language-model",
        ],
    },
    {
        "title": "Natural language processing",
        "slug": "natural-language-processing",
        "category": "foundations",
        "summary": (
            "The branch of AI that lets computers read, interpret and produce human language, "
            "from spell checkers and translation to chat assistants."
        ),
        "definition": (
            "**Natural language processing** (NLP) covers the methods that let software work "
            "with ordinary human language rather than rigid commands. Classic tasks include "
            "translation, summarising, classifying text by topic or sentiment, answering "
            "questions and pulling names and dates out of documents.\n\n"
            "For decades NLP relied on hand-written grammars and statistics over word counts. "
            "Since the [[transformer]] arrived, most tasks are handled by one "
            "[[large language model]], such as a [[generative-pre-trained-transformer|GPT]], "
            "that has learned language in general and is steered by a [[prompt]] or adapted "
            "by [[fine-tuning]]."
        ),
        "why_it_matters": (
            "Most of an organisation's knowledge lives in text: email, contracts, tickets and "
            "reports. NLP is what makes that text searchable, sortable and answerable at "
            "scale.\n\n"
            "Language is also ambiguous and full of context, so NLP systems can misread "
            "sarcasm, jargon or languages they saw little of in training."
        ),
        "in_practice": (
            "- Routing customer emails to the right team.\n"
            "- Translating product pages into many languages.\n"
            "- Searching documents by meaning with [[embeddings]].\n"
            "- Drafting replies and summaries with a language model.\n\n"
            "Teams now often start with a general model and a well-written prompt, and only "
            "train a specialised model when cost, speed or accuracy demands it."
        ),
        "tags": ["foundations", "llm"],
        "aliases": ["NLP"],
        "related": ["large-language-model", "tokenization", "embeddings", "transformer"],
    },
    # ------------------------------------------------------- Models & Architectures
    {
        "title": "Large language model",
        "slug": "large-language-model",
        "category": "models-architectures",
        "summary": (
            "A neural network trained on vast amounts of text to predict the next token, "
            "which lets it generate and interpret language for a wide range of tasks."
        ),
        "definition": (
            "A **large language model** (LLM) is a [[neural network]], usually based on the "
            "[[transformer]] architecture, trained on enormous collections of text to predict "
            "the next [[tokenization|token]] in a sequence. Trained at sufficient scale, this "
            "simple objective yields models that can answer questions, summarize documents, "
            "translate, write code and follow instructions.\n\n"
            "*Large* refers both to the number of [[parameters]], which often runs into the "
            "billions, and to the volume of training text. Most LLMs that people interact with "
            "have been pre-trained on general text and then further tuned to follow "
            "instructions and hold conversations."
        ),
        "why_it_matters": (
            "LLMs turned natural language into a general-purpose interface for software. "
            "Tasks that once needed a purpose-built system for each problem can often be "
            "handled by a single model given the right instructions.\n\n"
            "They also have well-documented limits: they can state falsehoods fluently, "
            "reflect biases in their training data and respond inconsistently when a request "
            "is rephrased. Knowing how they work helps users judge when to trust them."
        ),
        "in_practice": (
            "- Chat assistants such as ChatGPT, Claude and Gemini are built on LLMs.\n"
            "- Developers call LLMs through APIs, or run open-weight models locally, to draft "
            "text, extract structured data or power search.\n"
            "- Coding assistants use LLMs trained heavily on source code to suggest "
            "completions and explain errors.\n"
            "- Organizations pair LLMs with their own documents so answers can cite internal "
            "sources rather than rely on the model's memory."
        ),
        "tags": ["llm", "architecture"],
        "aliases": ["LLM"],
        "related": [
            "transformer",
            "foundation-model",
            "tokenization",
            "context-window",
            "hallucination",
        ],
    },
    {
        "title": "Foundation model",
        "slug": "foundation-model",
        "category": "models-architectures",
        "summary": (
            "A large model trained on broad data that can be adapted to many different tasks, "
            "serving as the base for more specialized systems."
        ),
        "definition": (
            "A **foundation model** is a large model trained on a very broad body of data, "
            "typically through [[pre-training|self-supervised pre-training]], so that it "
            "develops general capabilities rather than skill at one narrow task. The term was "
            "popularized by researchers at Stanford to emphasize that many applications are "
            "built on top of a small number of such models.\n\n"
            "[[large-language-model|Large language models]] are the best-known foundation "
            "models, but the category also includes image, audio, video and "
            "[[multimodal-model|multimodal]] systems. What unites them is reuse: the same base "
            "model can be [[fine-tuning|fine-tuned]], prompted or connected to tools to serve "
            "very different purposes."
        ),
        "why_it_matters": (
            "Foundation models concentrate both capability and risk. Because so many products "
            "depend on a few base models, their strengths, biases and failure modes propagate "
            "widely, and a flaw in one can surface in many downstream applications.\n\n"
            "They also reshape the economics of AI: training one is extremely expensive, while "
            "adapting one is comparatively cheap. That asymmetry explains why a handful of "
            "organizations build them and many more build on them."
        ),
        "in_practice": (
            "A company building a customer-support assistant rarely trains a model from "
            "scratch. It starts from a foundation model, accessed through an API or downloaded "
            "as weights, then adds its own documents through retrieval, shapes behavior with "
            "prompts or fine-tuning, and wraps the result in its product.\n\n"
            "Regulators use related language: the European Union's AI Act sets out "
            "obligations for providers of *general-purpose AI models*."
        ),
        "tags": ["llm", "architecture", "training"],
        "aliases": ["General-purpose AI model"],
        "related": [
            "large-language-model",
            "pre-training",
            "fine-tuning",
            "open-weight",
            "multimodal-model",
        ],
    },
    {
        "title": "Transformer",
        "slug": "transformer",
        "category": "models-architectures",
        "summary": (
            "A neural network architecture that processes sequences using attention; it is "
            "the design behind most modern language models."
        ),
        "definition": (
            "The **Transformer** is a [[neural network]] architecture introduced by Google "
            "researchers in the 2017 paper *Attention Is All You Need*. Its central idea is "
            "the [[attention mechanism]], which lets every position in a sequence draw "
            "directly on information from every other position, instead of passing "
            "information along step by step as earlier recurrent networks did.\n\n"
            "A Transformer is built from repeated layers, each combining attention with small "
            "feed-forward networks. Because attention over a whole sequence can be computed in "
            "parallel, Transformers train efficiently on graphics processors, which made it "
            "practical to scale them to very large sizes. "
            "[Wikipedia](https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)) "
            "has a fuller technical history."
        ),
        "why_it_matters": (
            "Nearly every prominent [[large-language-model|language model]] is a Transformer "
            "or a close variant, and the architecture has spread to images, audio, protein "
            "structure and more. Understanding it explains many practical traits of modern "
            "AI, including why models have a fixed [[context window]] and why longer inputs "
            "cost more to process. It also clarifies why so much engineering effort goes into "
            "making attention cheaper."
        ),
        "in_practice": (
            "Transformer variants fall into three broad families:\n\n"
            "- **Decoder-only** models, used by most chat assistants, generate text one token "
            "at a time.\n"
            "- **Encoder-only** models such as BERT produce representations of text for "
            "search and classification.\n"
            "- **Encoder-decoder** models such as T5 map one sequence to another, for tasks "
            "like translation.\n\n"
            "Vision Transformers apply the same design to images by treating small patches of "
            "pixels as tokens."
        ),
        "tags": ["architecture", "llm"],
        "aliases": ["Transformer architecture"],
        "related": [
            "attention-mechanism",
            "large-language-model",
            "neural-network",
            "context-window",
        ],
    },
    {
        "title": "Attention mechanism",
        "slug": "attention-mechanism",
        "category": "models-architectures",
        "summary": (
            "A technique that lets a model decide, for each part of its input, which other "
            "parts are most relevant and weigh them accordingly."
        ),
        "definition": (
            "An **attention mechanism** lets a neural network focus on the most relevant "
            "parts of its input when producing each piece of output. For every "
            "[[tokenization|token]], the model computes how strongly it should attend to every "
            "other token, then builds a new representation as a weighted blend of what it "
            "found.\n\n"
            "In the standard formulation, each token is projected into a *query*, a *key* and "
            "a *value*. Comparing one token's query with the keys of all the others yields "
            "attention weights, which are then applied to the values. *Self-attention* is the "
            "case where a sequence attends to itself, and *multi-head* attention runs several "
            "such comparisons in parallel so the model can track different kinds of "
            "relationship at once."
        ),
        "why_it_matters": (
            "Attention is the core of the [[transformer]] and therefore of most modern "
            "language and vision models. It lets a model connect a pronoun to the noun it "
            "refers to, or a function call to a definition many lines earlier.\n\n"
            "Its cost grows roughly with the square of the input length, because every token "
            "is compared with every other. That is a main reason a model's "
            "[[context window]] is limited and long prompts are slower and more expensive."
        ),
        "in_practice": (
            "Engineers rarely implement attention by hand, but its constraints shape everyday "
            "decisions. Optimized implementations such as FlashAttention reduce memory use so "
            "longer inputs fit on a single chip, and variants such as grouped-query attention "
            "shrink the memory needed while generating text. Researchers also visualize "
            "attention weights to get a rough, if unreliable, sense of which parts of the "
            "input a model drew on."
        ),
        "tags": ["architecture", "llm"],
        "aliases": ["Attention", "Self-attention"],
        "related": ["transformer", "context-window", "tokenization", "large-language-model"],
    },
    {
        "title": "Tokenization",
        "slug": "tokenization",
        "category": "models-architectures",
        "summary": (
            "The process of splitting text into tokens, the small units such as word pieces "
            "that a language model actually reads and writes."
        ),
        "definition": (
            "Language models do not read characters or whole words directly. "
            "**Tokenization** breaks text into *tokens*, which are often common words, "
            "fragments of words or punctuation marks, and maps each one to a number from a "
            "fixed vocabulary. A long word such as *unbelievable* may become several tokens, "
            "while a common word such as *the* is usually a single token.\n\n"
            "Most modern tokenizers are learned from data with methods such as byte-pair "
            "encoding, which repeatedly merges the most frequent character sequences into new "
            "vocabulary entries. The model processes these token numbers, and the tokens it "
            "produces are converted back into text."
        ),
        "why_it_matters": (
            "Tokens are the unit in which language models are measured and billed. "
            "[[context-window|Context windows]], API prices and generation speed are all "
            "expressed in tokens, so the same passage can cost more in one language than "
            "another if the tokenizer splits it into more pieces.\n\n"
            "Tokenization also explains some odd failures, such as models miscounting the "
            "letters in a word: the model sees tokens, not individual characters."
        ),
        "in_practice": (
            "In English prose a token is, on average, a little shorter than a word, but the "
            "ratio varies with the language, the tokenizer and the content; code, numbers and "
            "less widely used languages often need more tokens. Developers use tools such as "
            "OpenAI's `tiktoken` library, or the tokenizer shipped with a model, to count "
            "tokens before sending a request. That helps them estimate costs and stay within "
            "an [[LLM]]'s limits."
        ),
        "tags": ["llm", "data"],
        "aliases": ["Token", "Tokens", "Tokenizer"],
        "related": ["context-window", "large-language-model", "embeddings", "inference"],
    },
    {
        "title": "Context window",
        "slug": "context-window",
        "category": "models-architectures",
        "summary": (
            "The maximum amount of text, measured in tokens, that a model can take into "
            "account at one time, including both its input and its output."
        ),
        "definition": (
            "A model's **context window** is the span of [[tokens]] it can consider at once. "
            "Everything the model uses to produce a response has to fit inside it: the system "
            "instructions, the conversation so far, any documents supplied, and the response "
            "being generated.\n\n"
            "Anything outside the window is simply invisible to the model. In a long chat, "
            "earlier messages may be dropped or summarized to make room. Context windows have "
            "grown substantially as architectures and hardware have improved, and some models "
            "can accept an entire book or code repository in a single request."
        ),
        "why_it_matters": (
            "The context window sets practical limits on what a model can do in one step: how "
            "long a document it can analyze, how much of a codebase it can see, and how long "
            "a conversation can run before the beginning is lost.\n\n"
            "A larger window is not a complete solution. Longer inputs cost more and take "
            "longer to process, and models can attend unevenly to very long contexts, "
            "sometimes overlooking details buried in the middle."
        ),
        "in_practice": (
            "Teams working with long material usually combine several tactics:\n\n"
            "- placing the most important instructions near the start or end of the prompt;\n"
            "- using [[retrieval-augmented generation]] to insert only the relevant "
            "passages;\n"
            "- summarizing older turns of a conversation;\n"
            "- splitting large tasks into smaller steps that each fit comfortably.\n\n"
            "Because input tokens are usually billed, trimming unneeded material saves money "
            "as well as space."
        ),
        "tags": ["llm", "inference"],
        "aliases": ["Context length"],
        "related": [
            "tokenization",
            "retrieval-augmented-generation",
            "attention-mechanism",
            "large-language-model",
        ],
    },
    {
        "title": "Mixture of experts",
        "slug": "mixture-of-experts",
        "category": "models-architectures",
        "summary": (
            "An architecture that splits parts of a model into many specialist sub-networks "
            "and activates only a few of them for each input, saving computation."
        ),
        "definition": (
            "A **mixture of experts** (MoE) model replaces some layers of a network with a "
            "set of parallel sub-networks, called experts, plus a small *router* that decides "
            "which experts should handle each [[token]]. For any given token only a few "
            "experts run, so the model uses a fraction of its total [[parameters]] at each "
            "step.\n\n"
            "This lets designers build models with very large total parameter counts while "
            "keeping the computation per token closer to that of a much smaller model. The "
            "experts are learned during training and rarely correspond to neat human "
            "categories such as mathematics or French; the specialization that emerges is "
            "usually subtler than that."
        ),
        "why_it_matters": (
            "MoE is one of the main ways developers increase a model's capacity without a "
            "matching increase in the compute spent on each query, and several prominent "
            "[[large-language-model|language models]] use it.\n\n"
            "The trade-off is memory. All the experts must be stored and loaded even though "
            "only some are used for each token, so MoE models can need more hardware than "
            "their running cost suggests, and they are harder to train stably."
        ),
        "in_practice": (
            "Mistral's Mixtral models and DeepSeek's larger releases are well-known open-weight "
            "MoE designs. When a model card lists both *total parameters* and *active "
            "parameters*, the gap between the two is the signature of a mixture of experts: "
            "the first figure governs how much memory the model needs, and the second governs "
            "its speed and cost at [[Inference|inference]] time."
        ),
        "tags": ["architecture", "inference"],
        "aliases": ["MoE"],
        "related": ["parameters", "transformer", "inference", "large-language-model"],
    },
    {
        "title": "Diffusion model",
        "slug": "diffusion-model",
        "category": "models-architectures",
        "summary": (
            "A generative model that creates images, audio or video by starting from random "
            "noise and removing it step by step until a coherent result emerges."
        ),
        "definition": (
            "A **diffusion model** learns to generate data by learning to undo noise. During "
            "training, real examples such as images are gradually corrupted with random noise, "
            "and a [[neural network]] learns to reverse each small step. To create something "
            "new, the model starts from pure noise and applies that learned denoising "
            "repeatedly until a clean sample appears.\n\n"
            "Generation can be steered by a text prompt or other guidance: the model is "
            "trained to denoise toward outputs that match a description. Many systems run the "
            "process in a compressed *latent* space rather than on raw pixels, which makes it "
            "far cheaper."
        ),
        "why_it_matters": (
            "Diffusion models power many widely used text-to-image and video tools, and the "
            "technique has spread to audio and molecular design. They produce detailed, "
            "varied output and give users fine control through prompts and editing "
            "techniques.\n\n"
            "They also raise pressing questions about copyright in [[training data]], consent "
            "for the use of people's likenesses, and realistic synthetic media created to "
            "deceive."
        ),
        "in_practice": (
            "Stable Diffusion and OpenAI's DALL-E 2 and DALL-E 3 image generators are built on "
            "diffusion techniques. Common workflows include generating images from text, "
            "*inpainting* to replace part of an existing picture, and upscaling low-resolution "
            "images. Because generation takes many denoising steps, much engineering effort "
            "goes into reducing the step count so results appear quickly on ordinary "
            "hardware. Diffusion is one of the two pillars of [[generative AI]]."
        ),
        "tags": ["architecture", "generative ai"],
        "aliases": ["Diffusion"],
        "related": ["generative-ai", "multimodal-model", "neural-network", "training-data"],
    },
    {
        "title": "Multimodal model",
        "slug": "multimodal-model",
        "category": "models-architectures",
        "summary": (
            "A model that can take in or produce more than one kind of data, such as text, "
            "images, audio and video."
        ),
        "definition": (
            "A **multimodal model** works across several types of data, known as modalities. "
            "Some accept images alongside text and answer questions about them; others can "
            "listen to speech, watch video, or produce images and audio as output. The most "
            "capable systems handle several modalities within a single model.\n\n"
            "Technically, each modality is converted into a shared internal representation, "
            "often by turning image patches or audio snippets into sequences of "
            "[[embeddings]] that a [[transformer]] processes alongside text [[tokens]]. "
            "Training on paired data, such as images with captions, teaches the model how the "
            "modalities relate."
        ),
        "why_it_matters": (
            "The world is not made only of text. Multimodal models can read charts, interpret "
            "screenshots, describe photos for people with visual impairments and hold spoken "
            "conversations, which widens the range of tasks AI can help with.\n\n"
            "They also broaden the risks: they make convincing fake media easier to produce, "
            "and mistakes in reading an image can be harder for users to spot than mistakes "
            "in text."
        ),
        "in_practice": (
            "- Uploading a photo of a whiteboard and asking for a typed summary.\n"
            "- Asking a model to diagnose a bug from a screenshot of an error message.\n"
            "- Voice assistants that reply in natural speech instead of converting to text "
            "and back.\n"
            "- Generating an image from a written description, as "
            "[[diffusion-model|diffusion models]] do."
        ),
        "tags": ["architecture", "llm"],
        "aliases": ["Multimodal AI"],
        "related": ["foundation-model", "large-language-model", "diffusion-model", "embeddings"],
    },
    {
        "title": "Generative pre-trained transformer",
        "slug": "generative-pre-trained-transformer",
        "category": "models-architectures",
        "summary": (
            "GPT: a family of large language models that generate text one token at a time, "
            "built on the transformer and trained first on a vast amount of text."
        ),
        "definition": (
            "A **generative pre-trained transformer**, or GPT, is a [[large language model]] "
            "with three defining traits, one per word of its name. It is *generative*: it "
            "writes new text by predicting the next [[token]] again and again. It is "
            "*pre-trained*: it first learns from a huge body of text before any "
            "task-specific [[fine-tuning]]. And it is a [[transformer]], the architecture "
            "that uses [[attention-mechanism|attention]] to relate every token to the ones "
            "before it.\n\n"
            "GPT is also the name of OpenAI's model series, from GPT-1 in 2018 to the models "
            'behind ChatGPT, which is why people often say "GPT" for any chat model.'
        ),
        "why_it_matters": (
            "The GPT recipe, scale up a transformer, pre-train it on text, then tune it to "
            "follow instructions, became the template for most of today's language models, "
            "open and closed alike.\n\n"
            "Knowing that a GPT predicts likely text, rather than looking facts up, explains "
            "both its fluency and its tendency toward [[hallucination]]."
        ),
        "in_practice": (
            "GPT models are reached through chat apps and APIs priced per token, and "
            "similar decoder-only models are available as [[open weight]] downloads. Teams "
            "choose among them by quality on their own tasks, [[context window]] size, speed "
            "and cost, and often ground answers with [[retrieval-augmented generation]]."
        ),
        "tags": ["llm", "architecture", "generative ai"],
        "aliases": ["GPT", "GPT model"],
        "related": [
            "large-language-model",
            "transformer",
            "pre-training",
            "reinforcement-learning-from-human-feedback",
        ],
    },
    {
        "title": "Reasoning model",
        "slug": "reasoning-model",
        "category": "models-architectures",
        "summary": (
            "A language model trained to work through a problem step by step before it "
            "answers, trading extra time and tokens for better results on hard tasks."
        ),
        "definition": (
            "A **reasoning model** is a [[large language model]] that produces a long "
            "internal chain of intermediate steps, often hidden from the user, before giving "
            "its final answer. It is trained, largely with reinforcement learning, to use that "
            "thinking time well: to break a problem down, try an approach, check it and "
            "backtrack.\n\n"
            "The idea grows out of [[chain-of-thought]] prompting, but instead of being asked "
            "to show its work, the model has learned to do so by default."
        ),
        "why_it_matters": (
            "Reasoning models do markedly better on maths, coding and multi-step planning "
            "than models that answer at once. They also changed how capability scales: "
            "spending more compute at [[inference]] time, not just in training, buys better "
            "answers.\n\n"
            "The cost is latency and price. A reasoning model can take many seconds and "
            "thousands of tokens for a question a standard model answers instantly."
        ),
        "in_practice": (
            "Use a reasoning model for hard analytical work: debugging, proofs, planning an "
            "[[ai-agent|agent's]] steps or checking a long document for contradictions. For "
            "quick lookups, short drafts and chat, a standard model is faster and cheaper. "
            "Many APIs let you set how much the model may think."
        ),
        "tags": ["llm", "reasoning", "inference"],
        "aliases": ["Reasoning LLM", "Thinking model"],
        "related": ["chain-of-thought", "large-language-model", "inference", "ai-agent"],
    },
    # --------------------------------------------------------------- Training & Data
    {
        "title": "Pre-training",
        "slug": "pre-training",
        "category": "training-data",
        "summary": (
            "The first and most expensive stage of building a model, in which it learns "
            "general patterns from a vast, broad dataset."
        ),
        "definition": (
            "**Pre-training** is the initial phase in which a model learns from a very large, "
            "general dataset before being adapted for specific uses. For a "
            "[[large-language-model|language model]], this usually means processing enormous "
            "amounts of text from the web, books, code and other sources while learning to "
            "predict the next token. No human labels are needed: the text itself supplies the "
            "answers, an approach called *self-supervised* learning.\n\n"
            "The result is a *base model* with broad knowledge and language ability but no "
            "particular inclination to follow instructions or act as an assistant. Later "
            "stages, such as [[fine-tuning]] and [[RLHF]], shape that raw capability into a "
            "usable product."
        ),
        "why_it_matters": (
            "Pre-training is where most of a model's knowledge and capability comes from, and "
            "where most of the cost lies: a large run can occupy thousands of specialized "
            "chips for weeks or months. Because few organizations can afford it, pre-training "
            "is a source of competitive advantage and a focus of policy attention.\n\n"
            "The makeup of the pre-training data shapes what the model knows, which languages "
            "it handles well and which biases it carries."
        ),
        "in_practice": (
            "A pre-training run involves assembling a huge corpus, filtering out duplicates "
            "and low-quality pages, and training on large clusters of [[gpu|GPUs]] while "
            "engineers track the loss and save checkpoints in case of failure. Most "
            "organizations never pre-train a model at all. They start from an existing base "
            "model and spend their effort on adaptation, evaluation and the product around it."
        ),
        "tags": ["training", "data", "llm"],
        "aliases": ["Pretraining"],
        "related": ["training-data", "fine-tuning", "foundation-model", "gpu"],
    },
    {
        "title": "Fine-tuning",
        "slug": "fine-tuning",
        "category": "training-data",
        "summary": (
            "Further training of an already trained model on a smaller, targeted dataset to "
            "adapt it to a particular task, domain or style."
        ),
        "definition": (
            "**Fine-tuning** takes a model that has already been through [[pre-training]] and "
            "continues training it on a focused dataset. The model keeps its general abilities "
            "while learning new behavior: following instructions, writing in a house style, "
            "using a company's terminology or performing a specific classification task.\n\n"
            "Full fine-tuning updates all of a model's [[weights]], which is expensive for "
            "large models. *Parameter-efficient* methods such as LoRA (low-rank adaptation) "
            "instead train a small set of additional weights on top of a frozen model. That "
            "makes fine-tuning feasible on modest hardware and lets one base model host many "
            "lightweight adaptations."
        ),
        "why_it_matters": (
            "Fine-tuning is how general models become specialized products. The assistant "
            "behavior people associate with chatbots is itself largely the product of "
            "instruction tuning and related methods such as [[RLHF]].\n\n"
            "For organizations, it offers consistent formats and domain-specific behavior, "
            "though it is often not the best way to add new factual knowledge. For that, "
            "retrieval is usually cheaper and easier to keep up to date."
        ),
        "in_practice": (
            "Common uses include:\n\n"
            "- teaching a model to produce a fixed JSON structure reliably;\n"
            "- adapting a model to legal, medical or financial language;\n"
            "- training a small, fast model to handle one narrow task well;\n"
            "- matching the tone of a brand's customer communications.\n\n"
            "Teams generally try [[prompt engineering]] and retrieval first, and turn to "
            "fine-tuning when those approaches plateau."
        ),
        "tags": ["training", "llm"],
        "aliases": ["Fine-tune", "Finetuning"],
        "related": [
            "pre-training",
            "reinforcement-learning-from-human-feedback",
            "distillation",
            "prompt-engineering",
        ],
    },
    {
        "title": "Reinforcement learning from human feedback",
        "slug": "reinforcement-learning-from-human-feedback",
        "category": "training-data",
        "summary": (
            "A training method that uses people's judgments of model outputs to teach a model "
            "to produce the kinds of responses humans prefer."
        ),
        "definition": (
            "**Reinforcement learning from human feedback** (RLHF) steers a model's behavior "
            "using human preferences. People compare pairs of model responses and mark which "
            "is better. Those comparisons train a separate *reward model* that predicts how a "
            "person would rate any response. The original model is then trained with "
            "reinforcement learning to produce responses the reward model scores highly.\n\n"
            "RLHF typically follows supervised [[fine-tuning]]. Related methods such as direct "
            "preference optimization (DPO) learn from the same kind of preference data without "
            "a separate reward model, and some approaches partly replace human raters with AI "
            "feedback guided by a written set of principles."
        ),
        "why_it_matters": (
            "RLHF was central to turning raw [[large-language-model|language models]] into "
            "helpful conversational assistants. It teaches qualities that are hard to capture "
            "in a dataset of correct answers: helpfulness, appropriate tone, declining harmful "
            "requests and acknowledging uncertainty.\n\n"
            "It has known weaknesses. Models can learn to please raters rather than be "
            "correct, and the values they absorb depend on who the raters are and how they "
            "were instructed. It is a major tool of [[alignment]], not a complete solution."
        ),
        "in_practice": (
            "A typical RLHF effort involves writing detailed guidelines for raters, collecting "
            "large numbers of preference comparisons across many topics, training a reward "
            "model, and then running reinforcement learning while checking that the model "
            "does not drift too far from its starting point or learn to exploit quirks of the "
            "reward model. Developers describe these processes in technical reports and model "
            "cards, with varying levels of detail."
        ),
        "tags": ["training", "safety"],
        "aliases": ["RLHF"],
        "related": ["fine-tuning", "alignment", "pre-training", "guardrails"],
    },
    {
        "title": "Training data",
        "slug": "training-data",
        "category": "training-data",
        "summary": (
            "The examples a model learns from; their content, quality and coverage shape what "
            "the model knows and how it behaves."
        ),
        "definition": (
            "**Training data** is the collection of examples used to teach a model. For an "
            "image classifier it might be labeled photographs; for an [[LLM]], vast quantities "
            "of text and code gathered from the web, books and licensed sources, sometimes "
            "supplemented by synthetic data generated by other models.\n\n"
            "A model can only learn patterns present in its data. Gaps become blind spots, "
            "errors become mistaken beliefs, and skewed representation becomes biased output. "
            "Preparing data by filtering, deduplicating, labeling and balancing it is usually "
            "a large share of the work in any machine learning project."
        ),
        "why_it_matters": (
            "Training data is where many of AI's hardest questions converge. Its quality "
            "largely determines model quality. Its provenance raises legal and ethical issues, "
            "including copyright, privacy and consent, which are the subject of lawsuits and "
            "regulation in several jurisdictions. And because data can be more valuable than "
            "code, many developers disclose little about what they used, which makes "
            "independent scrutiny difficult."
        ),
        "in_practice": (
            "- Web-scale text collections such as Common Crawl are filtered heavily before "
            "use.\n"
            "- Developers license archives from publishers, image libraries and forums.\n"
            "- Fine-tuning datasets are often written or reviewed by paid specialists.\n"
            "- Some projects publish *datasheets* describing a dataset's sources and limits, "
            "much as a [[model card]] does for a model.\n\n"
            "Leakage of test material into training sets can inflate [[benchmark]] results."
        ),
        "tags": ["data", "training"],
        "aliases": ["Training set", "Training dataset"],
        "related": ["pre-training", "overfitting", "benchmark", "open-source-ai"],
    },
    {
        "title": "Benchmark",
        "slug": "benchmark",
        "category": "training-data",
        "summary": (
            "A standardized test, such as a fixed set of questions or tasks, used to measure "
            "and compare the performance of AI models."
        ),
        "definition": (
            "A **benchmark** is a shared test that lets researchers compare models on equal "
            "terms. It typically consists of a dataset of tasks, such as exam questions, "
            "coding problems or reading-comprehension passages, together with a scoring "
            "method. Well-known examples include MMLU, a multiple-choice test spanning dozens "
            "of academic subjects, and SWE-bench, which asks models to resolve real issues "
            "from open-source software projects.\n\n"
            "Benchmarks also exist for safety, measuring how often a model produces harmful "
            "content, and for efficiency, measuring speed and cost. Alongside automated tests, "
            "some evaluations rely on people comparing model outputs side by side."
        ),
        "why_it_matters": (
            "Benchmarks give the field a common yardstick and make progress visible, but they "
            "are easy to over-read. Once a benchmark becomes a target, developers may optimize "
            "for it specifically, and test questions can leak into [[training data]], "
            "inflating scores. Many benchmarks also saturate, with leading models scoring so "
            "high that differences stop meaning much.\n\n"
            "A score shows how a model did on that test, not how it will do on your task."
        ),
        "in_practice": (
            "Model announcements usually include tables of benchmark scores, and public "
            "leaderboards rank models by them. Organizations choosing a model are well advised "
            "to build a small internal evaluation from their own real cases, since published "
            "results rarely match a specific workload. Testing a [[fine-tuning|fine-tuned]] "
            "model on both general benchmarks and task-specific checks helps catch "
            "regressions and [[overfitting]]."
        ),
        "tags": ["evaluation", "data"],
        "aliases": ["AI benchmark", "Evals"],
        "related": ["training-data", "overfitting", "model-card", "red-teaming"],
    },
    {
        "title": "Distillation",
        "slug": "distillation",
        "category": "training-data",
        "summary": (
            "Training a smaller student model to imitate a larger teacher model, producing a "
            "cheaper model that keeps much of the original's ability."
        ),
        "definition": (
            "**Distillation** transfers capability from a large *teacher* model to a smaller "
            "*student*. Rather than learning only from the original training data, the "
            "student learns to reproduce the teacher's outputs. Those outputs carry more "
            "information than simple right-or-wrong labels: the teacher's probabilities across "
            "all possible answers reveal which wrong answers are nearly right, which helps the "
            "student learn efficiently.\n\n"
            "For language models, distillation often means generating large numbers of "
            "responses from the teacher and [[fine-tuning]] the student on them. The student "
            "can be many times smaller while keeping much of the teacher's skill on the "
            "targeted tasks."
        ),
        "why_it_matters": (
            "Distillation is a key way to make AI cheaper and faster. Large models are "
            "expensive to run; a distilled model can handle many requests at a fraction of the "
            "cost and delay, or run on a laptop or phone.\n\n"
            "It also has a competitive dimension. Because a model's outputs can be used to "
            "train rivals, many providers' terms of service forbid using outputs to build "
            "competing models, and distillation is a recurring point of dispute between "
            "developers."
        ),
        "in_practice": (
            "Developers commonly release families of models in several sizes, with the "
            "smaller members trained partly through distillation from larger ones. A company "
            "might distill a large general model into a small specialist for a single task, "
            "such as routing support tickets, and deploy it where speed matters. Distillation "
            "is often combined with [[quantization]] to shrink a model further for "
            "[[inference]] on limited hardware."
        ),
        "tags": ["training", "inference"],
        "aliases": ["Knowledge distillation", "Model distillation"],
        "related": ["quantization", "fine-tuning", "inference", "parameters"],
    },
    # ---------------------------------------------------------------------- Using AI
    {
        "title": "Prompt engineering",
        "slug": "prompt-engineering",
        "category": "using-ai",
        "summary": (
            "The craft of writing and structuring instructions to an AI model so that it "
            "produces more accurate, useful and consistent results."
        ),
        "definition": (
            "**Prompt engineering** is the practice of designing the input to a generative "
            "model, the prompt, to get better output. Because "
            "[[large-language-model|language models]] respond to everything in their input, "
            "small changes in wording, structure or context can noticeably change the "
            "result.\n\n"
            "Common techniques include giving clear, specific instructions; naming a role or "
            "audience; supplying examples of the desired output, known as *few-shot* "
            "prompting; breaking complex tasks into steps; asking the model to reason before "
            "answering, as in [[chain-of-thought]]; and specifying an output format. In "
            "applications, a *system prompt* written by the developer frames every "
            "conversation."
        ),
        "why_it_matters": (
            "Prompting is the cheapest and fastest way to adapt a model's behavior: no "
            "training, no new infrastructure, and changes take effect immediately. Good "
            "prompts can close much of the gap that teams might otherwise try to fill with "
            "[[fine-tuning]].\n\n"
            "Prompts are also an attack surface. In *prompt injection*, instructions hidden in "
            "a document or web page hijack a model, a serious risk for any application that "
            "processes untrusted content."
        ),
        "in_practice": (
            "Compare two requests:\n\n"
            "- *Summarize this report.*\n"
            "- *Summarize this report for a board audience in five bullet points, noting any "
            "financial risks and quoting figures exactly.*\n\n"
            "The second specifies audience, length, focus and precision, and usually yields a "
            "more useful result. Teams that rely on prompts in production keep them under "
            "version control like code and test each change against a set of saved examples."
        ),
        "tags": ["llm", "prompting"],
        "aliases": ["Prompting", "Prompt design"],
        "related": ["chain-of-thought", "temperature", "context-window", "fine-tuning"],
    },
    {
        "title": "Retrieval-augmented generation",
        "slug": "retrieval-augmented-generation",
        "category": "using-ai",
        "summary": (
            "A technique that fetches relevant documents at query time and gives them to a "
            "language model so its answers draw on specific, current sources."
        ),
        "definition": (
            "**Retrieval-augmented generation** (RAG) pairs a [[large language model]] with a "
            "search step. When a user asks a question, the system first retrieves relevant "
            "passages from a chosen collection, such as internal documents, a product manual "
            "or a knowledge base, and inserts them into the prompt. The model then answers "
            "using that material, ideally citing it.\n\n"
            "Retrieval usually relies on [[embeddings]] stored in a [[vector database]], often "
            "combined with traditional keyword search. The approach was described in a 2020 "
            "research paper and has since become one of the most common patterns for building "
            "AI applications."
        ),
        "why_it_matters": (
            "A model's built-in knowledge is fixed at training time, incomplete and impossible "
            "to inspect. RAG lets an application answer from up-to-date, private or "
            "specialized information without retraining, and lets users check the sources "
            "behind an answer.\n\n"
            "It reduces but does not eliminate [[hallucination]]: if retrieval returns the "
            "wrong passages, or the model misreads them, answers can still be wrong."
        ),
        "in_practice": (
            "- An HR assistant that answers policy questions from the employee handbook.\n"
            "- A support bot that searches product documentation before replying.\n"
            "- A legal research tool that finds relevant case law and summarizes it with "
            "citations.\n\n"
            "Quality depends heavily on the unglamorous parts: how documents are split into "
            "chunks, how search results are ranked, and whether access controls stop users "
            "from retrieving material they should not see."
        ),
        "tags": ["llm", "search", "data"],
        "aliases": ["RAG"],
        "related": [
            "embeddings",
            "vector-database",
            "hallucination",
            "context-window",
            "large-language-model",
        ],
    },
    {
        "title": "Temperature",
        "slug": "temperature",
        "category": "using-ai",
        "summary": (
            "A setting that controls how random a model's output is: low values make "
            "responses more predictable, high values more varied."
        ),
        "definition": (
            "When a language model generates text, it computes a probability for every "
            "possible next [[token]] and then picks one. **Temperature** adjusts how that "
            "choice is made. At low temperatures the probabilities are sharpened, so the model "
            "almost always takes its top candidate and output becomes focused and repeatable. "
            "At higher temperatures the distribution flattens, giving less likely tokens more "
            "of a chance and producing more diverse, sometimes more creative and sometimes "
            "less coherent text.\n\n"
            "Temperature is usually one of several sampling settings, alongside *top-p* "
            "(nucleus sampling) and *top-k*, which limit the pool of candidate tokens."
        ),
        "why_it_matters": (
            "Temperature is one of the few dials that users of a model API can turn directly, "
            "and its effect is easy to see. The right setting depends on the task: "
            "consistency matters for data extraction, variety helps with brainstorming.\n\n"
            "It is not a truthfulness control. A low temperature makes a model repeat its most "
            "likely answer, which is not necessarily a correct one, so it does not prevent "
            "[[hallucination]]."
        ),
        "in_practice": (
            "- Extracting fields from invoices: a temperature at or near zero.\n"
            "- Drafting marketing copy or story ideas: a moderate to high temperature.\n"
            "- Generating several candidate answers to choose among: a higher temperature "
            "with multiple samples.\n\n"
            "Even at zero, output can vary slightly between runs because of how calculations "
            "are scheduled on hardware during [[inference]]."
        ),
        "tags": ["llm", "inference"],
        "aliases": ["Sampling temperature"],
        "related": ["inference", "prompt-engineering", "hallucination", "tokenization"],
    },
    {
        "title": "Chain-of-thought",
        "slug": "chain-of-thought",
        "category": "using-ai",
        "summary": (
            "Having a model work through intermediate reasoning steps before giving a final "
            "answer, which often improves results on complex problems."
        ),
        "definition": (
            "**Chain-of-thought** refers to a model writing out intermediate reasoning before "
            "stating its conclusion. Researchers found that simply prompting a "
            "[[large-language-model|language model]] to *think step by step*, or showing it "
            "worked examples, substantially improved its performance on arithmetic, logic and "
            "multi-step questions.\n\n"
            "The idea has since been built into training. *Reasoning models* are trained, "
            "often with reinforcement learning, to produce extended chains of thought on their "
            "own, spending more computation at [[inference]] time on harder problems. Some "
            "products show this reasoning to users, while others hide it or show only a "
            "summary."
        ),
        "why_it_matters": (
            "Chain-of-thought showed that how much a model works at answer time matters, not "
            "only how large it is. Spending more tokens on reasoning is a major lever for "
            "improving accuracy on mathematics, coding and planning.\n\n"
            "It also offers a partial window into a model's process, useful for debugging and "
            "safety monitoring. That window is imperfect: research has found that a model's "
            "stated reasoning does not always reflect what actually drove its answer."
        ),
        "in_practice": (
            "A prompt might say: *Work through the problem step by step, then give the final "
            "answer on its own line.* Developers using reasoning models can often set a "
            "*reasoning effort* or *thinking budget*, trading speed and cost for accuracy. For "
            "simple lookups, extended reasoning adds delay without benefit, so many "
            "applications send only harder tasks to it. See also [[prompt engineering]]."
        ),
        "tags": ["llm", "prompting", "reasoning"],
        "aliases": ["CoT", "Chain-of-thought prompting"],
        "related": ["prompt-engineering", "inference", "ai-agent", "large-language-model"],
    },
    {
        "title": "AI agent",
        "slug": "ai-agent",
        "category": "using-ai",
        "summary": (
            "An AI system that pursues a goal by planning steps and taking actions, such as "
            "using tools, browsing or running code, with limited human direction."
        ),
        "definition": (
            "An **AI agent** is a system that does not just answer a single prompt but works "
            "toward a goal over multiple steps. Usually built around a "
            "[[large language model]], an agent decides what to do next, calls *tools* such "
            "as web search, a code interpreter, a calendar or a company's internal systems, "
            "observes the results, and continues until the task is done or it needs help.\n\n"
            "The degree of autonomy varies widely. Some agents follow tightly scripted "
            "workflows with a person approving each action; others receive broad goals and "
            "considerable freedom. The loop of reasoning, acting and observing is what sets "
            "agents apart from ordinary chat."
        ),
        "why_it_matters": (
            "Agents extend AI from producing text to carrying out tasks, which could make it "
            "useful for multi-step digital work that a chat exchange cannot complete.\n\n"
            "They also raise the stakes. An agent that misreads a request, or is manipulated "
            "by instructions hidden in content it reads, can take real actions such as sending "
            "email or deleting files. Tight permissions, logging and [[guardrails]] matter "
            "more as autonomy grows, and so does [[alignment]]."
        ),
        "in_practice": (
            "- Coding agents that read a codebase, edit files, run tests and iterate until the "
            "tests pass.\n"
            "- Research agents that run many searches and compile a sourced report.\n"
            "- Customer-service agents that look up orders and issue refunds within set "
            "limits.\n"
            "- Browser agents that fill in forms and navigate websites on a user's behalf.\n\n"
            "Careful deployments limit tools to what the task requires and ask for "
            "confirmation before irreversible actions."
        ),
        "tags": ["llm", "agents", "safety"],
        "aliases": ["Agent", "Agentic AI"],
        "related": ["large-language-model", "chain-of-thought", "guardrails", "alignment"],
    },
    {
        "title": "Prompt",
        "slug": "prompt",
        "category": "using-ai",
        "summary": (
            "The input you give a generative AI model, such as a question, an instruction or "
            "examples, which it uses to decide what to produce."
        ),
        "definition": (
            "A **prompt** is everything a model is given to respond to. For a chat assistant "
            "it is usually a message, but a full prompt often also holds a *system prompt* "
            "with standing instructions, earlier turns of the conversation, pasted documents "
            "and examples of the output wanted.\n\n"
            "The model reads the whole prompt as [[tokenization|tokens]] within its "
            "[[context window]] and continues from there. It has no other channel: whatever "
            "is not in the prompt, or in its training, it does not know."
        ),
        "why_it_matters": (
            "The same model can give a vague answer or an excellent one depending on how it "
            "is asked. Clear instructions, relevant context and an example of the desired "
            "format are often worth more than switching to a bigger model.\n\n"
            "Prompts are also an attack surface: text from an untrusted source inside a "
            "prompt can carry instructions of its own, which is the basis of "
            "[[prompt injection]]."
        ),
        "in_practice": (
            "- State the task, the audience and the format you want.\n"
            "- Paste the source material rather than relying on the model's memory.\n"
            "- Show one or two examples ([[few-shot prompting]]).\n"
            "- Keep prompts that work under version control and test changes to them.\n\n"
            "The craft of doing this well is [[prompt engineering]]."
        ),
        "tags": ["prompting", "llm"],
        "aliases": ["Prompts", "System prompt"],
        "related": [
            "prompt-engineering",
            "context-window",
            "few-shot-prompting",
            "prompt-injection",
        ],
    },
    {
        "title": "Few-shot prompting",
        "slug": "few-shot-prompting",
        "category": "using-ai",
        "summary": (
            "Showing a model a handful of worked examples inside the prompt so it picks up "
            "the pattern, with no retraining; zero-shot means asking with no examples."
        ),
        "definition": (
            "**Few-shot prompting** puts a few examples of the task, inputs paired with the "
            "outputs you want, into the [[prompt]] before the real input. The model infers "
            "the pattern and follows it. *Zero-shot* prompting gives only the instruction; "
            "*one-shot* gives a single example.\n\n"
            "The model's [[weights]] do not change: it learns the pattern only for the length "
            "of the conversation, which is why this is also called *in-context learning*."
        ),
        "why_it_matters": (
            "Examples pin down what instructions leave open: tone, length, labels, edge "
            "cases. A few good ones can make a general model behave like a specialised one, "
            "without the data, time and cost of [[fine-tuning]].\n\n"
            "Examples also steer strongly, so a skewed or mistaken example is copied too."
        ),
        "in_practice": (
            "Typical uses are classifying support tickets, extracting fields into a fixed "
            "format and matching a house style. Pick examples that cover the tricky cases, "
            "vary them so the model does not copy surface details, and keep them short: "
            "every example spends tokens of the [[context window]] on every request."
        ),
        "tags": ["prompting"],
        "aliases": ["Few-shot learning", "Zero-shot prompting", "In-context learning"],
        "related": ["prompt", "prompt-engineering", "fine-tuning", "context-window"],
    },
    {
        "title": "Chatbot",
        "slug": "chatbot",
        "category": "using-ai",
        "summary": (
            "A program you talk to in ordinary language; today usually a large language "
            "model with a chat interface, instructions and sometimes tools."
        ),
        "definition": (
            "A **chatbot** is software that holds a conversation in text or speech. Older "
            "chatbots followed scripted decision trees and matched keywords. Modern ones are "
            "built on a [[large language model]], so they can handle open-ended questions, "
            "keep track of the conversation and write fluent answers.\n\n"
            "A product chatbot is more than the model: it adds a system [[prompt]], "
            "[[guardrails]], often [[retrieval-augmented generation]] over the company's own "
            "documents, and sometimes tools that turn it into an [[AI agent]]."
        ),
        "why_it_matters": (
            "Chat has become the default way people meet AI, so a chatbot's quality shapes "
            "trust in the whole organisation behind it. Because it sounds confident, a wrong "
            "answer ([[hallucination]]) can mislead customers, and some companies have been "
            "held to what their chatbot promised."
        ),
        "in_practice": (
            "Good deployments ground answers in approved sources, say when they do not know, "
            "hand over to a person for anything sensitive and log conversations for review. "
            "Measure them on real questions, not on demos."
        ),
        "tags": ["llm", "agents"],
        "aliases": ["Chat assistant", "AI assistant"],
        "related": [
            "large-language-model",
            "ai-agent",
            "guardrails",
            "retrieval-augmented-generation",
        ],
    },
    # ------------------------------------------------------- Deployment & Operations
    {
        "title": "Inference",
        "slug": "inference",
        "category": "deployment-operations",
        "summary": (
            "Running a trained model to produce outputs from new inputs, as opposed to "
            "training it; the stage where ongoing operating costs arise."
        ),
        "definition": (
            "**Inference** is what happens when a trained model is put to use: it receives an "
            "input, such as a prompt or an image, and computes an output. Training sets a "
            "model's [[weights]]; inference uses those fixed weights to make predictions. "
            "Every chatbot reply, generated image or spam check is an inference call.\n\n"
            "For language models, inference has two phases. The *prefill* phase processes the "
            "whole prompt at once; the *decode* phase then generates output one [[token]] at a "
            "time, each new token depending on all the previous ones. The decode phase is why "
            "long responses take noticeably longer than short ones."
        ),
        "why_it_matters": (
            "Training is a large one-time expense, but inference costs recur with every "
            "request, and for a popular service they can exceed the cost of training over the "
            "model's life. Inference speed, measured as latency and throughput, also shapes "
            "the user experience.\n\n"
            "Much engineering effort therefore goes into making inference cheaper and faster, "
            "through hardware choices, batching of requests, [[quantization]] and smaller "
            "[[distillation|distilled]] models."
        ),
        "in_practice": (
            "Teams either buy inference from an API provider, usually priced per token, or "
            "host models themselves with serving software such as vLLM, SGLang or llama.cpp. "
            "Self-hosting gives more control over data and, at scale, over cost, but it means "
            "managing hardware, scaling and monitoring. Small models can also run directly on "
            "phones and laptops, which keeps data on the device and works without a network "
            "connection."
        ),
        "tags": ["inference", "infrastructure"],
        "aliases": ["Model inference"],
        "related": ["gpu", "quantization", "distillation", "temperature"],
    },
    {
        "title": "Quantization",
        "slug": "quantization",
        "category": "deployment-operations",
        "summary": (
            "Storing a model's numbers at lower precision, for example 8 or 4 bits instead of "
            "16, to cut memory use and speed up inference."
        ),
        "definition": (
            "**Quantization** reduces the numerical precision used to represent a model's "
            "[[weights]], and sometimes its intermediate calculations. A model trained with "
            "16-bit numbers might be converted so that each weight uses 8 or 4 bits, making it "
            "proportionally smaller and, on suitable hardware, faster to run.\n\n"
            "The cost is some loss of accuracy, because fewer bits can represent fewer "
            "distinct values. Modern methods limit that loss by calibrating on sample data, "
            "handling unusually large values separately, or training with quantization in "
            "mind. Moderate quantization often has little noticeable effect on quality; "
            "aggressive quantization can degrade it, especially in smaller models."
        ),
        "why_it_matters": (
            "Quantization is often the difference between needing a data-center accelerator "
            "and running a model on a laptop or phone. It lowers the cost of [[inference]] at "
            "scale and makes [[open weight]] models practical for individuals and smaller "
            "organizations.\n\n"
            "Because the trade-off between size and quality varies by model and task, "
            "quantized versions should be tested on real workloads rather than assumed to "
            "match the original."
        ),
        "in_practice": (
            "Community releases of open-weight models often come in several quantized "
            "variants, labeled with formats such as GGUF, GPTQ or AWQ and bit widths such as "
            "*Q4* or *Q8*. Tools such as llama.cpp and Ollama make it straightforward to run "
            "these on consumer machines. Providers may also quantize the models behind their "
            "APIs so the same hardware can serve more users."
        ),
        "tags": ["inference", "infrastructure", "open source"],
        "aliases": ["Quantisation", "Model quantization"],
        "related": ["inference", "weights", "distillation", "gpu"],
    },
    {
        "title": "GPU",
        "slug": "gpu",
        "category": "deployment-operations",
        "summary": (
            "A processor built to perform many calculations in parallel, which makes it the "
            "standard hardware for training and running AI models."
        ),
        "definition": (
            "A **graphics processing unit** (GPU) was originally designed to render computer "
            "graphics, which means performing the same arithmetic on huge numbers of pixels at "
            "once. That capacity for parallel work turned out to suit "
            "[[neural-network|neural networks]], whose training and inference consist largely "
            "of multiplying large grids of numbers.\n\n"
            "AI-focused GPUs, such as Nvidia's data-center products, add specialized circuits "
            "for matrix arithmetic and large amounts of fast memory. Other accelerators pursue "
            "the same goal, including Google's TPUs and custom chips designed by cloud "
            "providers. For many AI workloads the amount of memory on a chip matters as much "
            "as raw speed, because a model's [[weights]] must fit in it."
        ),
        "why_it_matters": (
            "Compute is one of the main constraints on AI progress and cost. Access to large "
            "numbers of advanced GPUs determines who can train the most capable models, and "
            "their supply has become a matter of corporate strategy and national policy, "
            "including export controls.\n\n"
            "For users, the availability and price of GPUs make up a large part of what they "
            "pay for [[inference]], whether directly or through API charges."
        ),
        "in_practice": (
            "- Large training runs use clusters of thousands of GPUs joined by high-speed "
            "networks.\n"
            "- Companies often rent GPUs by the hour from cloud providers instead of buying "
            "hardware.\n"
            "- A consumer graphics card with enough memory can run small and mid-sized "
            "quantized open-weight models locally.\n"
            "- Nvidia's CUDA software platform is a major reason its hardware is so widely "
            "used for AI work."
        ),
        "tags": ["infrastructure", "hardware"],
        "aliases": ["Graphics processing unit"],
        "related": ["inference", "pre-training", "quantization", "parameters"],
    },
    {
        "title": "Vector database",
        "slug": "vector-database",
        "category": "deployment-operations",
        "summary": (
            "A database designed to store embeddings and quickly find the items whose vectors "
            "are most similar to a query."
        ),
        "definition": (
            "A **vector database** stores [[embeddings]], numerical representations of text, "
            "images or other data, and retrieves the ones closest to a given query vector. "
            "Where a traditional database looks up exact matches, such as a customer ID, a "
            "vector database answers questions like *which stored documents are most similar "
            "in meaning to this one?*\n\n"
            "Comparing a query against millions of vectors one by one would be slow, so "
            "vector databases use *approximate nearest neighbor* indexes, such as HNSW graphs, "
            "that trade a little accuracy for large gains in speed. Most also store metadata "
            "alongside each vector so results can be filtered by date, source or permissions."
        ),
        "why_it_matters": (
            "Vector search is the retrieval engine behind [[RAG]], semantic search and many "
            "recommendation systems, so its speed and accuracy directly affect the quality of "
            "the AI answers built on top of it.\n\n"
            "For teams, a key question is whether a dedicated vector database is needed at "
            "all. Many general-purpose databases also offer vector search, which can be "
            "simpler to operate when data volumes are modest."
        ),
        "in_practice": (
            "Dedicated products include Pinecone, Weaviate, Milvus and Qdrant. PostgreSQL "
            "gains vector search through the `pgvector` extension, and search engines such as "
            "Elasticsearch and OpenSearch support vector queries too. A typical deployment "
            "stores each document chunk's embedding with its text and metadata, then asks for "
            "the closest few matches whenever a user poses a question."
        ),
        "tags": ["data", "search", "infrastructure"],
        "aliases": ["Vector store"],
        "related": ["embeddings", "retrieval-augmented-generation", "inference"],
    },
    # ----------------------------------------------------------- Safety & Governance
    {
        "title": "Hallucination",
        "slug": "hallucination",
        "category": "safety-governance",
        "summary": (
            "When an AI model states something false or fabricated, such as a nonexistent "
            "source, with the same fluency and confidence as a true statement."
        ),
        "definition": (
            "A **hallucination** is output from a generative model that is fluent and "
            "plausible but factually wrong or unsupported: an invented citation, a "
            "misattributed quotation, a nonexistent court case or a confidently wrong number. "
            "The term is borrowed loosely from psychology; some researchers prefer "
            "*confabulation*, which better conveys producing falsehoods without intent to "
            "deceive.\n\n"
            "Hallucinations arise because [[large-language-model|language models]] generate "
            "text by predicting likely continuations, not by looking facts up. When a model "
            "lacks reliable knowledge, the most plausible-sounding continuation may still be "
            "wrong, and common training and evaluation practices can reward confident "
            "guessing over admitting uncertainty."
        ),
        "why_it_matters": (
            "Hallucination is among the main obstacles to trusting AI in high-stakes settings. "
            "Lawyers have filed court briefs citing fabricated cases, and customers have been "
            "told invented policies by company chatbots. Because the errors sound "
            "authoritative, they are easy to miss.\n\n"
            "How often it happens varies considerably by model, task and subject, and it is "
            "generally less frequent when the model is given source material to work from."
        ),
        "in_practice": (
            "Common mitigations include:\n\n"
            "- grounding answers in retrieved documents with "
            "[[retrieval-augmented generation]];\n"
            "- asking for citations, then checking them;\n"
            "- instructing the model to say when it does not know;\n"
            "- using a low [[temperature]] for factual tasks, which aids consistency but not "
            "truth;\n"
            "- keeping a human reviewer involved in anything consequential.\n\n"
            "None of these removes the risk entirely, so the level of checking should match "
            "the stakes."
        ),
        "tags": ["safety", "llm", "evaluation"],
        "aliases": ["Confabulation", "AI hallucination"],
        "related": [
            "retrieval-augmented-generation",
            "large-language-model",
            "temperature",
            "guardrails",
        ],
    },
    {
        "title": "Alignment",
        "slug": "alignment",
        "category": "safety-governance",
        "summary": (
            "The effort to make AI systems pursue the goals and follow the values their "
            "designers and users intend, including in situations nobody anticipated."
        ),
        "definition": (
            "**Alignment** is the problem of ensuring that an AI system does what people "
            "actually want, not merely what they literally specified. A model trained to "
            "maximize a measurable target may find shortcuts that satisfy the metric while "
            "missing its purpose, a failure known as *specification gaming* or *reward "
            "hacking*.\n\n"
            "In day-to-day practice, alignment covers techniques that make models helpful, "
            "honest and harmless, such as [[RLHF]] and training on written principles. As a "
            "research field, it also tackles longer-term questions: how to oversee systems "
            "that may become more capable than their overseers, and how to tell whether a "
            "model behaves differently when it believes it is not being observed."
        ),
        "why_it_matters": (
            "As AI systems gain autonomy and capability, the gap between what people intend "
            "and what systems do becomes more consequential. A misaligned chatbot gives bad "
            "advice; a misaligned [[AI agent]] with access to real systems could cause real "
            "harm.\n\n"
            "Alignment is also where technical and social questions meet, since deciding "
            "whose values a model should reflect is not a purely engineering matter."
        ),
        "in_practice": (
            "Alignment work shows up as preference training, published guidelines describing "
            "how a model should behave, [[red teaming]] to uncover harmful behavior before "
            "release, and interpretability research that tries to understand what is "
            "happening inside a model's [[weights]]. Developers' model cards and system cards "
            "often describe alignment evaluations and the issues that remain unresolved."
        ),
        "tags": ["safety", "training"],
        "aliases": ["AI alignment"],
        "related": [
            "reinforcement-learning-from-human-feedback",
            "guardrails",
            "red-teaming",
            "ai-agent",
        ],
    },
    {
        "title": "Guardrails",
        "slug": "guardrails",
        "category": "safety-governance",
        "summary": (
            "Controls placed around an AI model to keep its inputs and outputs within "
            "acceptable bounds, such as filters, policies and validation checks."
        ),
        "definition": (
            "**Guardrails** are mechanisms that constrain how an AI system behaves, applied "
            "around the model rather than only inside it. They can screen incoming requests "
            "for disallowed topics or attempted manipulation, check outputs for harmful "
            "content, personal data or policy violations, and confirm that responses follow "
            "an expected format before they reach users or other software.\n\n"
            "Guardrails complement training-based [[alignment]] work. A model may be trained "
            "to refuse certain requests, but a separate guardrail layer adds defense in depth, "
            "catching failures the model itself misses and enforcing rules specific to one "
            "application."
        ),
        "why_it_matters": (
            "No model behaves perfectly, and organizations deploying AI are responsible for "
            "what it says and does. Guardrails let them enforce business rules, legal "
            "requirements and safety policies without retraining the model, and update those "
            "rules quickly.\n\n"
            "They involve trade-offs: overly strict guardrails frustrate legitimate users, "
            "while loose ones let harmful output through. Determined users can also sometimes "
            "get around them with *jailbreak* prompts."
        ),
        "in_practice": (
            "- A banking chatbot prevented from giving investment advice.\n"
            "- A classifier that screens responses for hate speech or self-harm content.\n"
            "- A filter that removes personal data from outputs.\n"
            "- Validation ensuring an [[AI agent]] can call only tools on an approved list.\n\n"
            "Open tools such as Meta's Llama Guard and NVIDIA's NeMo Guardrails provide "
            "building blocks for these controls."
        ),
        "tags": ["safety", "deployment"],
        "aliases": ["Guardrail", "Safety filter"],
        "related": ["alignment", "red-teaming", "ai-agent", "hallucination"],
    },
    {
        "title": "Red teaming",
        "slug": "red-teaming",
        "category": "safety-governance",
        "summary": (
            "Deliberately probing an AI system for harmful or unintended behavior, by acting "
            "as an adversary, so that problems can be fixed before release."
        ),
        "definition": (
            "**Red teaming** borrows a term from military and cybersecurity practice, where a "
            "*red team* plays the attacker. For AI, it means systematically trying to make a "
            "model misbehave: eliciting dangerous instructions, biased or offensive content, "
            "private information, or actions an [[AI agent]] should not take. Red teamers also "
            "try *jailbreaks*, cleverly framed prompts designed to get around a model's "
            "safeguards.\n\n"
            "The work can be done by internal staff, by outside specialists in fields such as "
            "biosecurity or cybersecurity, by crowds of volunteers, or by other AI models "
            "generating adversarial prompts automatically."
        ),
        "why_it_matters": (
            "Standard [[benchmark|benchmarks]] measure known capabilities; red teaming "
            "searches for unknown failures. Findings feed back into training, "
            "[[guardrails]] and decisions about whether and how to release a model.\n\n"
            "Governments and industry groups have encouraged or required red teaming for the "
            "most capable models, making it a standard part of responsible release practice."
        ),
        "in_practice": (
            "A developer preparing a release might commission experts to test whether a model "
            "gives meaningful help with weapons development, recruit testers to probe for "
            "bias in many languages, and run automated attacks at scale. Results are usually "
            "summarized in the model's [[model-card|model card or system card]]. Red teaming "
            "is never exhaustive: a clean result shows only that the testers did not find a "
            "problem, not that none exists."
        ),
        "tags": ["safety", "evaluation"],
        "aliases": ["AI red teaming", "Red team"],
        "related": ["guardrails", "alignment", "benchmark", "model-card"],
    },
    {
        "title": "Model card",
        "slug": "model-card",
        "category": "safety-governance",
        "summary": (
            "A short document published with a model that describes its intended uses, "
            "training, performance, limitations and license."
        ),
        "definition": (
            "A **model card** is standardized documentation for a trained model, proposed by "
            "researchers at Google in a 2019 paper. Much like a nutrition label, it tells "
            "potential users what they are getting: who built the model, what it is for, how "
            "it was trained, how it performs on relevant [[benchmark|benchmarks]] and across "
            "different groups of people, and what its known limitations and risks are.\n\n"
            "For large models, developers often publish longer *system cards* or technical "
            "reports covering safety testing and deployment safeguards. On model hubs such as "
            "Hugging Face, the model card is the page a user reads before downloading."
        ),
        "why_it_matters": (
            "Model cards make responsible use possible. Without one, a team may deploy a model "
            "in a setting it was never tested for, or miss that it performs poorly for some "
            "languages or groups of people.\n\n"
            "They also support accountability: regulators, auditors and journalists rely on "
            "them to see what developers have disclosed, and some AI transparency rules "
            "require comparable documentation."
        ),
        "in_practice": (
            "A useful model card typically covers:\n\n"
            "- intended uses, and uses to avoid;\n"
            "- a summary of the [[training data]];\n"
            "- evaluation results, broken down by subgroup where relevant;\n"
            "- known limitations, biases and safety findings;\n"
            "- the license, which for open releases governs how the [[weights]] may be used.\n\n"
            "Quality varies widely, so readers should also notice what a card leaves out."
        ),
        "tags": ["governance", "evaluation"],
        "aliases": ["System card"],
        "related": ["licensing-of-ai-models", "benchmark", "training-data", "red-teaming"],
    },
    {
        "title": "Prompt injection",
        "slug": "prompt-injection",
        "category": "safety-governance",
        "summary": (
            "An attack that hides instructions in text a model reads, such as a web page or "
            "an email, so the model follows the attacker instead of its user."
        ),
        "definition": (
            "**Prompt injection** exploits the fact that a language model cannot reliably "
            "tell instructions from data: everything in its [[prompt]] is just text. If an "
            "application feeds the model a document, a search result or an email, and that "
            'content says "ignore your previous instructions and…", the model may obey.\n\n'
            "*Direct* injection comes from the user typing it; *indirect* injection is "
            "planted in content the model later reads, and is the more dangerous kind."
        ),
        "why_it_matters": (
            "The risk grows with what the model can do. A chatbot that only replies can be "
            "embarrassed; an [[AI agent]] that can send email, browse or move money can be "
            "turned against its own user, leaking data or taking harmful actions.\n\n"
            "There is no complete fix yet, so it has to be managed by design rather than "
            "patched away."
        ),
        "in_practice": (
            "- Give the model only the tools and permissions the task needs.\n"
            "- Ask a person to confirm irreversible or outward-facing actions.\n"
            "- Keep untrusted content clearly separated and never let it trigger tools "
            "alone.\n"
            "- Test with [[red teaming]] and watch the logs.\n\n"
            "[[Guardrails]] that filter inputs help, but attackers keep finding new wordings."
        ),
        "tags": ["safety", "prompting"],
        "aliases": ["Indirect prompt injection"],
        "related": ["guardrails", "ai-agent", "red-teaming", "prompt"],
    },
    # ----------------------------------------------------------- Business & Strategy
    {
        "title": "Open weight",
        "slug": "open-weight",
        "category": "business-strategy",
        "summary": (
            "A model whose trained weights are published for anyone to download and run, "
            "whether or not its code, data and license meet open-source standards."
        ),
        "definition": (
            "An **open-weight** model is one whose trained [[weights]] are published so that "
            "anyone can download them, run the model on their own hardware and modify it. "
            "The weights are the learned values that make a model work, so releasing them "
            "hands over the finished product rather than just access to it.\n\n"
            "Open weight is not the same as [[open-source AI]]. A release can include the "
            "weights while withholding the training data, the training code or details of "
            "how the data was gathered, and it may come with a license that restricts "
            "commercial use, caps the number of users or forbids certain applications. The "
            "term describes this middle ground between fully open and fully "
            "[[closed-source-ai|closed]] models."
        ),
        "why_it_matters": (
            "Open-weight releases shift control from the developer to the user. "
            "Organizations can run models on their own infrastructure, keep sensitive data "
            "off third-party servers, fine-tune for specialized tasks and avoid being tied to "
            "one vendor's pricing or policies. Researchers can study the model directly rather "
            "than through an API.\n\n"
            "The trade-off is that published weights cannot be recalled, and safeguards can "
            "be removed by anyone with the files. That is why the openness of powerful "
            "[[foundation-model|foundation models]] is an active policy debate."
        ),
        "in_practice": (
            "- Meta's Llama family, many of Mistral's models and Google's Gemma are widely "
            "used open-weight models, each released under its own license terms.\n"
            "- Developers typically download weights from a model hub such as Hugging Face "
            "and run them with local tools or on rented cloud hardware.\n"
            "- Before building a product on an open-weight model, teams read the license "
            "closely: *open* does not automatically mean free for every commercial use."
        ),
        "tags": ["open source", "licensing", "llm"],
        "aliases": ["Open-weight model", "Open weights"],
        "related": ["open-source-ai", "weights", "closed-source-ai", "foundation-model"],
    },
    {
        "title": "Open-source AI",
        "slug": "open-source-ai",
        "category": "business-strategy",
        "summary": (
            "AI released under terms that let anyone use, study, modify and share it, "
            "ideally with the weights, code and enough detail about the data to rebuild it."
        ),
        "definition": (
            "**Open-source AI** applies the long-standing principles of open-source software "
            "to machine learning: the freedom to use a system for any purpose, to study how "
            "it works, to modify it and to share it. For software, that means publishing "
            "source code under an open license. For an AI model the picture is more "
            "complicated, because a model's behavior comes from its [[weights]] and training "
            "data as much as from its code.\n\n"
            "The Open Source Initiative's [Open Source AI Definition](https://opensource.org/ai) "
            "asks for the weights, the complete training and inference code, and detailed "
            "information about the data, under terms that do not restrict use. Many models "
            "described as open meet only part of that bar and are more accurately called "
            "[[open weight]]."
        ),
        "why_it_matters": (
            "The label carries real weight with developers, regulators and customers, so "
            "precision matters. Genuinely open systems can be audited, reproduced and improved "
            "by anyone, which supports research, competition and independent safety "
            "testing.\n\n"
            "Some regulations also treat open-source models differently from proprietary "
            "ones, so whether a release qualifies can have legal consequences as well as "
            "reputational ones."
        ),
        "in_practice": (
            "Fully open releases are less common than open-weight ones among the most capable "
            "models. Projects such as EleutherAI's Pythia suite and the Allen Institute for "
            "AI's OLMo models publish weights, code and training data together, letting "
            "outside researchers study how training choices shape behavior.\n\n"
            "When assessing a model that calls itself open source, check the license text, "
            "whether the training code is available and what is disclosed about the data. "
            "The contrasting approach is [[closed-source AI]]."
        ),
        "tags": ["open source", "licensing"],
        "aliases": ["Open-source model"],
        "related": ["open-weight", "closed-source-ai", "licensing-of-ai-models", "training-data"],
    },
    {
        "title": "Closed-source AI",
        "slug": "closed-source-ai",
        "category": "business-strategy",
        "summary": (
            "AI whose weights, code and training data stay private, with access offered only "
            "through the developer's own apps or a paid API."
        ),
        "definition": (
            "**Closed-source AI**, also called proprietary AI, refers to models whose "
            "developer keeps the [[weights]], training code and training data private. "
            "Outsiders can use the model only in the ways the developer allows, usually "
            "through a chat product or an application programming interface (API) that "
            "accepts requests and returns outputs over the internet.\n\n"
            "Because the model never leaves the developer's servers, the company controls "
            "every aspect of how it runs: which version is served, which safety filters apply, "
            "how usage is priced and when the model is retired. Users see the outputs but not "
            "the machinery."
        ),
        "why_it_matters": (
            "Closed models have often been at the leading edge of capability, and API access "
            "makes them easy to adopt without owning specialized hardware. The developer also "
            "handles scaling, security and misuse monitoring.\n\n"
            "The costs are dependence and opacity. Customers send data to a third party, "
            "cannot audit the model in depth and must adapt when the provider changes its "
            "behavior, prices or terms. Those trade-offs drive many organizations' choice "
            "between closed and [[open weight]] options."
        ),
        "in_practice": (
            "OpenAI's GPT models, Anthropic's Claude and Google's Gemini are prominent "
            "examples offered mainly through hosted apps and APIs. A typical integration "
            "involves:\n\n"
            "- sending prompts to the provider's endpoint and paying per [[token]] "
            "processed;\n"
            "- reviewing the provider's data-retention and privacy terms;\n"
            "- planning for model updates, since the same prompt can behave differently after "
            "a version change."
        ),
        "tags": ["licensing", "llm"],
        "aliases": ["Proprietary model", "Closed model"],
        "related": [
            "open-weight",
            "open-source-ai",
            "licensing-of-ai-models",
            "foundation-model",
        ],
    },
    {
        "title": "Licensing of AI models",
        "slug": "licensing-of-ai-models",
        "category": "business-strategy",
        "summary": (
            "The legal terms that govern who may use, modify, redistribute or build on a "
            "trained AI model, and for what purposes."
        ),
        "definition": (
            "When a developer releases a model, its license sets out what others may do with "
            "it. Established software licenses such as Apache 2.0 and MIT are sometimes "
            "applied directly to models, granting broad rights with few conditions. Many model "
            "releases, however, use custom licenses written specifically for AI.\n\n"
            "These custom licenses often add conditions that classic open-source licenses do "
            "not allow: acceptable-use policies that ban particular applications, thresholds "
            "above which very large companies must negotiate separate terms, or requirements "
            "to credit the original model in derivative works. Responsible AI Licenses (RAIL) "
            "are one family that attaches behavioral restrictions to otherwise permissive "
            "terms."
        ),
        "why_it_matters": (
            "For a business, the license decides whether a model can legally sit at the "
            "center of a product. A restriction that looks minor, such as a ban on using "
            "outputs to train other models, can rule out an entire strategy.\n\n"
            "Licensing is also the main line separating [[open-source AI]] from models that "
            "are merely [[open weight]], and a frequent source of confusion when the word "
            "*open* appears in marketing."
        ),
        "in_practice": (
            "Before adopting a model, legal and engineering teams usually check:\n\n"
            "- whether commercial use is allowed, and under what conditions;\n"
            "- whether fine-tuned or distilled derivatives inherit the original terms;\n"
            "- what the acceptable-use policy prohibits;\n"
            "- what the license requires for attribution and redistribution.\n\n"
            "The [[model card]] normally names the license and links to the full text."
        ),
        "tags": ["licensing", "open source"],
        "aliases": ["Model license", "AI model license"],
        "related": ["open-source-ai", "open-weight", "closed-source-ai", "model-card"],
    },
]
